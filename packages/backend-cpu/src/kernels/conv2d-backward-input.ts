import type { Conv2dParams, Shape, View } from '@nabla/backend';
import { CpuBuffer } from '../cpu-buffer.js';
import { dense } from '../strided.js';
import type { MatmulAccumulator } from '../wasm/micro-kernel.js';
import { allFinite, columnsFor } from './columns.js';
import { chunkOf, conv2d } from './conv2d.js';
import { type ConvGeometry, convGeometry, dense4d } from './im2col.js';
import { matmul } from './matmul.js';

/**
 * The gradient of {@link conv2d} with respect to its input.
 *
 * Stride 1 (with padding at most the kernel's reach, as usual), at least 16 input channels per
 * group and a finite weight: the transposed convolution is a convolution itself, of `grad` with the weight
 * flipped and its channels swapped, so it runs as {@link conv2d} (each element one sum, rounded
 * once). Otherwise, for each chunk of images, one batched {@link matmul}
 * `weight^T [kc, O / groups] @ grad [O / groups, ho * wo]` per image and group gives the
 * gradient of the columns, which col2im adds back into the input's positions in float64
 * (overlapping windows add up), rounded once per element.
 *
 * grad: [N, O, Ho, Wo], weight: [O, C / groups, kH, kW] -> [N, C, H, W] (`inputShape`)
 */
export function conv2dBackwardInput(
  grad: View<CpuBuffer>,
  weight: View<CpuBuffer>,
  inputShape: Shape,
  p: Conv2dParams,
  accumulator: MatmulAccumulator = 'float64',
  threads = 1,
): CpuBuffer {
  const g = convGeometry(inputShape, weight.shape, p);
  const { n, c, h, w, o, groups, og, kc, l } = g;
  const out = new Float32Array(n * c * h * w);
  if (out.length === 0 || o * l === 0) return new CpuBuffer('float32', out);
  const ws = dense(weight) as Float32Array;
  const reach = [g.dh * (g.kh - 1) - g.ph, g.dw * (g.kw - 1) - g.pw] as const;
  // the transposed convolution's products have cg rows: too few (ch09's first layer: 3) make
  // the product slower than col2im (measured); and its zero padding would meet an infinite
  // weight (NaN) where col2im has no term at all
  const transposed = g.sh === 1 && g.sw === 1 && reach[0] >= 0 && reach[1] >= 0 && g.cg >= 16;
  if (transposed && allFinite(ws)) {
    const flipped = {
      buffer: new CpuBuffer('float32', flipWeight(ws, g)),
      shape: [c, og, g.kh, g.kw],
    };
    const q = { ...p, padding: reach, outSize: [h, w] as const };
    return conv2d(
      grad,
      { ...flipped, strides: [og * g.kh * g.kw, g.kh * g.kw, g.kw, 1], offset: 0 },
      null,
      q,
      accumulator,
      threads,
    );
  }
  const gs = dense4d(grad);
  const columns = columnsFor(g, false);
  const wk = new CpuBuffer('float32', ws);
  const chunk = chunkOf(n, groups * kc * l);
  for (let n0 = 0; n0 < n; n0 += chunk) {
    const b = Math.min(chunk, n - n0);
    // weight^T: [b, groups, kc, og] (stride 0 over images) @ grad: [b, groups, og, l]
    const wt = { buffer: wk, shape: [b, groups, kc, og], strides: [0, og * kc, 1, kc], offset: 0 };
    const gv = {
      buffer: new CpuBuffer('float32', gs),
      shape: [b, groups, og, l],
      strides: [o * l, og * l, l, 1],
      offset: n0 * o * l,
    };
    // -> cols: [b, groups, kc, l]
    const cols = matmul(wt, gv, accumulator, threads).data as Float32Array;
    for (let t = 0; t < b; t++) columns.fold(cols, t * groups * kc * l, kc * l, out, n0 + t);
  }
  return new CpuBuffer('float32', out);
}

/**
 * The weight of the transposed convolution: each group's `[og, cg]` channel block swapped and
 * each kernel turned by 180 degrees.
 *
 * weight: [O, C / groups, kH, kW] -> [C, O / groups, kH, kW]
 */
function flipWeight(ws: Float32Array, g: ConvGeometry): Float32Array {
  const { og, cg, kh, kw } = g;
  const taps = kh * kw;
  const out = new Float32Array(ws.length);
  for (let gi = 0; gi < g.groups; gi++) {
    for (let r = 0; r < og; r++) {
      for (let ci = 0; ci < cg; ci++) {
        const from = ((gi * og + r) * cg + ci) * taps;
        const to = ((gi * cg + ci) * og + r) * taps;
        for (let k = 0; k < taps; k++) out[to + k] = ws[from + taps - 1 - k] as number;
      }
    }
  }
  return out;
}
