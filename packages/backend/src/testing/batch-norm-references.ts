import type { Sums } from './conv-references.js';

/** How `[N, C, ...]` splits for batch norm: element `(n, c, l)` sits at `(n * C + c) * L + l`. */
interface Split {
  n: number;
  c: number;
  /** The elements per channel and batch item: the product of the dimensions after C. */
  l: number;
}

function split(shape: readonly number[]): Split {
  const l = shape.slice(2).reduce((a, b) => a * b, 1);
  return { n: shape[0] as number, c: shape[1] as number, l };
}

/** Calls `fn(i, c)` for each element `i` (row-major) of `[N, C, ...]` with its channel. */
function eachElement({ n, c, l }: Split, fn: (i: number, ch: number) => void): void {
  for (let b = 0; b < n; b++) {
    for (let ch = 0; ch < c; ch++) {
      for (let k = 0; k < l; k++) fn((b * c + ch) * l + k, ch);
    }
  }
}

/**
 * The suite's batch statistics: per channel of `x: [N, C, ...]`, the float64 mean and the
 * biased variance (two passes), with their error scales: the mean of `|x|`, and the variance
 * itself (a float32 backend must not lose it to cancellation, as `E[x^2] - E[x]^2` would).
 */
export function batchNormStatsReference(
  x: readonly number[],
  shape: readonly number[],
): { mean: Sums; variance: Sums } {
  const s = split(shape);
  const count = s.n * s.l;
  const mean = new Array<number>(s.c).fill(0);
  const absMean = new Array<number>(s.c).fill(0);
  eachElement(s, (i, c) => {
    mean[c] = (mean[c] as number) + (x[i] as number) / count;
    absMean[c] = (absMean[c] as number) + Math.abs(x[i] as number) / count;
  });
  const variance = new Array<number>(s.c).fill(0);
  eachElement(s, (i, c) => {
    variance[c] = (variance[c] as number) + ((x[i] as number) - (mean[c] as number)) ** 2 / count;
  });
  return { mean: { sum: mean, abs: absMean }, variance: { sum: variance, abs: [...variance] } };
}

/**
 * The suite's batch norm: `y = (x - mean[c]) * invstd[c] * w[c] + b[c]` in float64 (a missing
 * weight is 1, a missing bias 0), with the error scale `|xhat * w| + |b|`.
 */
export function batchNormReference(
  x: readonly number[],
  shape: readonly number[],
  mean: readonly number[],
  invstd: readonly number[],
  weight: readonly number[] | null,
  bias: readonly number[] | null,
): Sums {
  const sum = new Array<number>(x.length);
  const abs = new Array<number>(x.length);
  eachElement(split(shape), (i, c) => {
    const t = ((x[i] as number) - (mean[c] as number)) * (invstd[c] as number) * (weight?.[c] ?? 1);
    const b = bias?.[c] ?? 0;
    sum[i] = t + b;
    abs[i] = Math.abs(t) + Math.abs(b);
  });
  return { sum, abs };
}

/**
 * The suite's batch-norm gradients, straight from the formulas (float64), with their error
 * scales: `gb = sum(g)`, `gw = sum(g * xhat)` per channel; `gx = w * invstd * (g - gb / M -
 * xhat * gw / M)` in training, `g * invstd * w` otherwise.
 */
export function batchNormBackwardReference(
  grad: readonly number[],
  x: readonly number[],
  shape: readonly number[],
  mean: readonly number[],
  invstd: readonly number[],
  weight: readonly number[] | null,
  training: boolean,
): { gx: Sums; gw: Sums; gb: Sums } {
  const s = split(shape);
  const m = s.n * s.l;
  const gb: Sums = { sum: new Array(s.c).fill(0), abs: new Array(s.c).fill(0) };
  const gw: Sums = { sum: new Array(s.c).fill(0), abs: new Array(s.c).fill(0) };
  const xhat = (i: number, c: number): number =>
    ((x[i] as number) - (mean[c] as number)) * (invstd[c] as number);
  eachElement(s, (i, c) => {
    const g = grad[i] as number;
    const gx = g * xhat(i, c);
    gb.sum[c] = (gb.sum[c] as number) + g;
    gb.abs[c] = (gb.abs[c] as number) + Math.abs(g);
    gw.sum[c] = (gw.sum[c] as number) + gx;
    gw.abs[c] = (gw.abs[c] as number) + Math.abs(gx);
  });
  const gx: Sums = { sum: new Array(x.length), abs: new Array(x.length) };
  eachElement(s, (i, c) => {
    const scale = (invstd[c] as number) * (weight?.[c] ?? 1);
    const g = grad[i] as number;
    const h = xhat(i, c);
    if (training) {
      const [sg, sgx] = [gb.sum[c] as number, gw.sum[c] as number];
      gx.sum[i] = scale * (g - sg / m - (h * sgx) / m);
      gx.abs[i] =
        Math.abs(scale) *
        (Math.abs(g) + (gb.abs[c] as number) / m + (Math.abs(h) * (gw.abs[c] as number)) / m);
    } else {
      gx.sum[i] = g * scale;
      gx.abs[i] = Math.abs(g * scale);
    }
  });
  return { gx, gw, gb };
}
