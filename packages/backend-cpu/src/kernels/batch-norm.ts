import type { Shape, View } from '@nabla/backend';
import { CpuBuffer } from '../cpu-buffer.js';
import { dense } from '../strided.js';

/**
 * How batch norm sees `[N, C, ...]`: element `(b, ch, k)` of the dense array sits at
 * `(b * c + ch) * l + k`, `l` being the product of the dimensions after the channels.
 */
export function channelSplit(shape: Shape): { n: number; c: number; l: number } {
  let l = 1;
  for (let d = 2; d < shape.length; d++) l *= shape[d] as number;
  return { n: shape[0] as number, c: shape[1] as number, l };
}

/** A `[C]` view's values as a dense float32 array (a missing one is `fill`). */
export function perChannel(v: View<CpuBuffer> | null, c: number, fill: number): Float32Array {
  if (v === null) return new Float32Array(c).fill(fill);
  return dense(v) as Float32Array;
}

/**
 * `torch.nn.functional.batch_norm` with settled statistics, of a float32 view:
 * `y = (x - mean[c]) * invstd[c] * weight[c] + bias[c]` in doubles, rounded once (a missing
 * weight is 1, a missing bias 0). `training` does not change the values (see the Backend).
 *
 * x: [N, C, ...], mean / invstd / weight / bias: [C] -> [N, C, ...]
 */
export function batchNorm(
  x: View<CpuBuffer>,
  mean: View<CpuBuffer>,
  invstd: View<CpuBuffer>,
  weight: View<CpuBuffer> | null,
  bias: View<CpuBuffer> | null,
): CpuBuffer {
  const xs = dense(x) as Float32Array;
  const { n, c, l } = channelSplit(x.shape);
  const [mu, is] = [perChannel(mean, c, 0), perChannel(invstd, c, 1)];
  const [w, b] = [perChannel(weight, c, 1), perChannel(bias, c, 0)];
  const out = new Float32Array(xs.length);
  for (let ch = 0; ch < c; ch++) {
    const m = mu[ch] as number;
    const a = (is[ch] as number) * (w[ch] as number);
    const shift = b[ch] as number;
    for (let i = 0; i < n; i++) {
      const start = (i * c + ch) * l;
      for (let k = start; k < start + l; k++) out[k] = ((xs[k] as number) - m) * a + shift;
    }
  }
  return new CpuBuffer('float32', out);
}
