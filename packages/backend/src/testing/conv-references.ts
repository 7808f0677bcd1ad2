import type { Conv2dParams, Pool2dParams } from '../backend.js';

/** An `[N, C, H, W]` or `[O, C / groups, kH, kW]` shape. */
export type Shape4 = readonly [number, number, number, number];

/** Float64 sums, and the sums of the absolute values of their terms (their error scale). */
export interface Sums {
  sum: number[];
  abs: number[];
}

/** Calls `fn` for each kernel tap of output `(oh, ow)` with the input position it reads. */
function taps(
  [kh, kw]: readonly [number, number],
  p: Conv2dParams | Pool2dParams,
  oh: number,
  ow: number,
  fn: (i: number, j: number, ih: number, iw: number) => void,
): void {
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const ih = oh * p.stride[0] - p.padding[0] + i * p.dilation[0];
      const iw = ow * p.stride[1] - p.padding[1] + j * p.dilation[1];
      fn(i, j, ih, iw);
    }
  }
}

/** Calls `fn` for each `(n, o, oh, ow, ci, i, j)` of a convolution, row-major, with its input row and column. */
function eachTerm(
  xShape: Shape4,
  wShape: Shape4,
  p: Conv2dParams,
  fn: (n: number, o: number, out: number, c: number, tap: number, ih: number, iw: number) => void,
): void {
  const [n, , h, w] = xShape;
  const [o, cg, kh, kw] = wShape;
  const [ho, wo] = p.outSize;
  const og = o / p.groups;
  for (let b = 0; b < n; b++) {
    for (let oc = 0; oc < o; oc++) {
      for (let oh = 0; oh < ho; oh++) {
        for (let ow = 0; ow < wo; ow++) {
          const out = ((b * o + oc) * ho + oh) * wo + ow;
          for (let ci = 0; ci < cg; ci++) {
            const c = Math.floor(oc / og) * cg + ci;
            taps([kh, kw], p, oh, ow, (i, j, ih, iw) => {
              const inside = ih >= 0 && ih < h && iw >= 0 && iw < w;
              fn(b, oc, out, c, (oc * cg + ci) * kh * kw + i * kw + j, inside ? ih : -1, iw);
            });
          }
        }
      }
    }
  }
}

/** Where `x[n, c, ih, iw]` is, or -1 for a padding position (`ih` -1). */
function xAt([, c, h, w]: Shape4, n: number, ch: number, ih: number, iw: number): number {
  return ih < 0 ? -1 : ((n * c + ch) * h + ih) * w + iw;
}

/**
 * The suite's conv2d: each output the float64 sum of its taps in `(ci, i, j)` order (padding
 * reads 0 and is added too), then the bias.
 */
export function conv2dReference(
  x: readonly number[],
  xShape: Shape4,
  weight: readonly number[],
  wShape: Shape4,
  bias: readonly number[] | null,
  p: Conv2dParams,
): Sums {
  const size = xShape[0] * wShape[0] * p.outSize[0] * p.outSize[1];
  const sum = new Array<number>(size).fill(0);
  const abs = new Array<number>(size).fill(0);
  eachTerm(xShape, wShape, p, (n, _o, out, c, tap, ih, iw) => {
    const at = xAt(xShape, n, c, ih, iw);
    const t = (at < 0 ? 0 : (x[at] as number)) * (weight[tap] as number);
    sum[out] = (sum[out] as number) + t;
    abs[out] = (abs[out] as number) + Math.abs(t);
  });
  if (bias !== null) {
    const per = p.outSize[0] * p.outSize[1];
    for (let k = 0; k < size; k++) {
      const b = bias[Math.floor(k / per) % wShape[0]] as number;
      sum[k] = (sum[k] as number) + b;
      abs[k] = (abs[k] as number) + Math.abs(b);
    }
  }
  return { sum, abs };
}

/** The suite's gradient of conv2d with respect to its input, in float64. */
export function conv2dBackwardInputReference(
  grad: readonly number[],
  weight: readonly number[],
  wShape: Shape4,
  xShape: Shape4,
  p: Conv2dParams,
): Sums {
  const size = xShape.reduce((a, b) => a * b, 1);
  const sum = new Array<number>(size).fill(0);
  const abs = new Array<number>(size).fill(0);
  eachTerm(xShape, wShape, p, (n, _o, out, c, tap, ih, iw) => {
    const at = xAt(xShape, n, c, ih, iw);
    if (at < 0) return;
    const t = (grad[out] as number) * (weight[tap] as number);
    sum[at] = (sum[at] as number) + t;
    abs[at] = (abs[at] as number) + Math.abs(t);
  });
  return { sum, abs };
}

/**
 * The suite's gradient of conv2d with respect to its weight: each element the float64 sum
 * over `(n, oh, ow)` in that order (padding reads 0 and is added too).
 */
export function conv2dBackwardWeightReference(
  grad: readonly number[],
  x: readonly number[],
  xShape: Shape4,
  wShape: Shape4,
  p: Conv2dParams,
): Sums {
  const size = wShape.reduce((a, b) => a * b, 1);
  const sum = new Array<number>(size).fill(0);
  const abs = new Array<number>(size).fill(0);
  // eachTerm's order is (n, o, oh, ow, tap); per weight element that is (n, oh, ow)
  eachTerm(xShape, wShape, p, (n, _o, out, c, tap, ih, iw) => {
    const at = xAt(xShape, n, c, ih, iw);
    const t = (grad[out] as number) * (at < 0 ? 0 : (x[at] as number));
    sum[tap] = (sum[tap] as number) + t;
    abs[tap] = (abs[tap] as number) + Math.abs(t);
  });
  return { sum, abs };
}

/**
 * The suite's max_pool2d: each window's largest element and its index `ih * W + iw` in the
 * plane, taps in row-major order, padding skipped, the first maximum winning, NaN above all
 * (the first NaN wins); a window of only -inf gives its first position inside the input.
 */
export function maxPool2dReference(
  x: readonly number[],
  xShape: Shape4,
  p: Pool2dParams,
): { values: number[]; indices: number[] } {
  const [n, c, h, w] = xShape;
  const [ho, wo] = p.outSize;
  const values: number[] = [];
  const indices: number[] = [];
  for (let plane = 0; plane < n * c; plane++) {
    for (let oh = 0; oh < ho; oh++) {
      for (let ow = 0; ow < wo; ow++) {
        let best: number | undefined;
        let where = -1;
        taps(p.kernel, p, oh, ow, (_i, _j, ih, iw) => {
          if (ih < 0 || ih >= h || iw < 0 || iw >= w) return;
          const v = x[plane * h * w + ih * w + iw] as number;
          const wins = best === undefined || (!Number.isNaN(best) && (Number.isNaN(v) || v > best));
          if (wins) [best, where] = [v, ih * w + iw];
        });
        values.push(best as number);
        indices.push(where);
      }
    }
  }
  return { values, indices };
}

/** The suite's gradient of max_pool2d: each `grad` element added at its index, in float64. */
export function maxPool2dBackwardReference(
  grad: readonly number[],
  indices: readonly number[],
  xShape: Shape4,
  outSize: readonly [number, number],
): number[] {
  const [n, c, h, w] = xShape;
  const out = new Array<number>(n * c * h * w).fill(0);
  const per = outSize[0] * outSize[1];
  grad.forEach((g, k) => {
    const at = Math.floor(k / per) * h * w + (indices[k] as number);
    out[at] = (out[at] as number) + g;
  });
  return out;
}
