import type { Conv2dParams, Shape, View } from '@nabla/backend';
import { CpuBuffer } from '../cpu-buffer.js';
import type { MatmulAccumulator } from '../wasm/micro-kernel.js';
import { allFinite, columnsFor } from './columns.js';
import { chunkOf } from './conv2d.js';
import { convGeometry, dense4d } from './im2col.js';
import { matmul } from './matmul.js';

/**
 * The gradient of `conv2d` with respect to its weight, summed over the batch. A chunk of `b`
 * images is unfolded side by side, columns `[groups, kc, b * width]`, and its gradient spread
 * to `[groups, O / groups, b * width]`, so that one {@link matmul} per group, `grad @ cols^T`,
 * sums over the chunk's images and positions inside the product; chunks add up in float64,
 * rounded once. With the `'float64'` accumulator, a batch that fits one chunk is thus one
 * float64 sum per weight element, in `(n, oh, ow)` order, rounded once.
 *
 * grad: [N, O, Ho, Wo], x: [N, C, H, W] -> [O, C / groups, kH, kW] (`weightShape`)
 */
export function conv2dBackwardWeight(
  grad: View<CpuBuffer>,
  x: View<CpuBuffer>,
  weightShape: Shape,
  p: Conv2dParams,
  accumulator: MatmulAccumulator = 'float64',
  threads = 1,
): CpuBuffer {
  const g = convGeometry(x.shape, weightShape, p);
  const { n, o, groups, og, kc, l } = g;
  const size = o * kc;
  if (n * l === 0) return new CpuBuffer('float32', new Float32Array(size));
  const xs = dense4d(x);
  const gs = dense4d(grad);
  // wide columns' junk meets zeros in the spread gradient: safe for a finite input only
  const columns = columnsFor(g, allFinite(xs));
  const { width } = columns;
  const chunk = chunkOf(n, groups * kc * width);
  const cols = new Float32Array(chunk * groups * kc * width);
  const spread = new Float32Array(chunk * o * width);
  const sum = new Float64Array(size);
  for (let n0 = 0; n0 < n; n0 += chunk) {
    const b = Math.min(chunk, n - n0);
    const bw = b * width;
    if (b < chunk) spread.fill(0); // the junk columns move with the row length
    for (let t = 0; t < b; t++) {
      columns.unfold(xs, n0 + t, cols, t * width, kc * bw, bw);
      columns.spread(gs, (n0 + t) * o * l, o, spread, t * width, bw);
    }
    // grad: [groups, og, b * width] @ cols^T: [groups, b * width, kc] -> [groups, og, kc]
    const gv = {
      buffer: new CpuBuffer('float32', spread),
      shape: [groups, og, bw],
      strides: [og * bw, bw, 1],
      offset: 0,
    };
    const ct = {
      buffer: new CpuBuffer('float32', cols),
      shape: [groups, bw, kc],
      strides: [kc * bw, 1, bw],
      offset: 0,
    };
    const part = matmul(gv, ct, accumulator, threads).data as Float32Array;
    if (b === n) return new CpuBuffer('float32', part);
    for (let i = 0; i < size; i++) sum[i] = (sum[i] as number) + (part[i] as number);
  }
  return new CpuBuffer('float32', Float32Array.from(sum));
}
