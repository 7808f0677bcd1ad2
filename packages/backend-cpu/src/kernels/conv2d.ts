import type { Conv2dParams, View } from '@nabla/backend';
import { CpuBuffer } from '../cpu-buffer.js';
import { dense } from '../strided.js';
import type { MatmulAccumulator } from '../wasm/micro-kernel.js';
import { columnsFor } from './columns.js';
import { convGeometry, dense4d } from './im2col.js';
import { matmul } from './matmul.js';

/**
 * The most column elements unfolded at once (1 MiB of float32, about the L2 cache): images are
 * taken in chunks of this size, so that the columns are still in cache when the product reads
 * them (measured: 1 MiB beats 4 MiB and 16 MiB by 10-40% on ch09's convolutions).
 */
export const COLS_BUDGET = 1 << 18;

/** How many images of `perImage` column elements to unfold at once (at least 1). */
export function chunkOf(n: number, perImage: number): number {
  return Math.max(1, Math.min(n, Math.floor(COLS_BUDGET / perImage)));
}

/**
 * `torch.nn.functional.conv2d` of float32 views: im2col then matrix products. Each chunk of
 * images is unfolded into columns `[n, groups, kc (+1), width]` (see columns.ts) and multiplied
 * by the weight `[groups, O / groups, kc (+1)]` in one batched {@link matmul}, whose result
 * holds the chunk's output rows. The bias rides along as one more weight column against a row
 * of ones, so it is added inside the product, before the one rounding: with the `'float64'`
 * accumulator every output is the float64 sum (taps in `(c, i, j)` order, then the bias)
 * rounded once.
 *
 * x: [N, C, H, W], weight: [O, C / groups, kH, kW], bias: [O] | null -> [N, O, Ho, Wo]
 */
export function conv2d(
  x: View<CpuBuffer>,
  weight: View<CpuBuffer>,
  bias: View<CpuBuffer> | null,
  p: Conv2dParams,
  accumulator: MatmulAccumulator = 'float64',
  threads = 1,
): CpuBuffer {
  const g = convGeometry(x.shape, weight.shape, p);
  const { n, groups, o, og, kc, l } = g;
  const out = new Float32Array(n * o * l);
  if (out.length === 0) return new CpuBuffer('float32', out);
  const xs = dense4d(x);
  const columns = columnsFor(g, true); // junk columns only reach junk outputs, never read
  const { width } = columns;
  const kp = bias === null ? kc : kc + 1;
  const wk = new CpuBuffer('float32', weightWithBias(dense(weight) as Float32Array, bias, o, kc));
  const perImage = groups * kp * width;
  const chunk = chunkOf(n, perImage);
  const cols = new Float32Array(chunk * perImage);
  // the ones the bias column meets: row kc of each block, never written by unfold
  if (bias !== null) {
    for (let b = 0; b < chunk * groups; b++)
      cols.fill(1, (b * kp + kc) * width, (b + 1) * kp * width);
  }
  const colsBuffer = new CpuBuffer('float32', cols);
  for (let n0 = 0; n0 < n; n0 += chunk) {
    const b = Math.min(chunk, n - n0);
    for (let t = 0; t < b; t++) columns.unfold(xs, n0 + t, cols, t * perImage, kp * width, width);
    // weight: [b, groups, og, kp] (stride 0 over images) @ cols: [b, groups, kp, width]
    const wv = { buffer: wk, shape: [b, groups, og, kp], strides: [0, og * kp, kp, 1], offset: 0 };
    const cv = {
      buffer: colsBuffer,
      shape: [b, groups, kp, width],
      strides: [perImage, kp * width, width, 1],
      offset: 0,
    };
    // -> [b, O, width]: the output rows of images n0 .. n0 + b
    const y = matmul(wv, cv, accumulator, threads).data as Float32Array;
    if (b === n && width === l) return new CpuBuffer('float32', y);
    columns.narrow(y, 0, b * o, out, n0 * o * l);
  }
  return new CpuBuffer('float32', out);
}

/** The weight as `[O, kc]` rows, with `bias[o]` appended to row `o` when there is a bias. */
function weightWithBias(
  wk: Float32Array,
  bias: View<CpuBuffer> | null,
  o: number,
  kc: number,
): Float32Array {
  if (bias === null) return wk;
  const b = dense(bias);
  const out = new Float32Array(o * (kc + 1));
  for (let r = 0; r < o; r++) {
    out.set(wk.subarray(r * kc, (r + 1) * kc), r * (kc + 1));
    out[r * (kc + 1) + kc] = b[r] as number;
  }
  return out;
}
