import type { Pool2dParams, View } from '@nabla/backend';
import { CpuBuffer } from '../cpu-buffer.js';
import { dense4d } from './im2col.js';

/**
 * `torch.nn.functional.max_pool2d(..., return_indices=True)` of a float32 view: the largest
 * element of each window and its flat index `ih * W + iw` in the input's plane. Positions in
 * the padding are skipped (they read as -inf and never win); the first maximum in the window's
 * row-major order wins, and a NaN beats every number (the first NaN wins). A window wholly of
 * -inf gives its first position inside the input.
 *
 * x: [N, C, H, W] -> values [N, C, Ho, Wo], indices [N, C, Ho, Wo] (int32)
 */
export function maxPool2d(x: View<CpuBuffer>, p: Pool2dParams): [CpuBuffer, CpuBuffer] {
  const [n, c, h, w] = x.shape as [number, number, number, number];
  const [kh, kw] = p.kernel;
  const [ho, wo] = p.outSize;
  const xs = dense4d(x);
  const rows = insideTaps(ho, p.stride[0], p.padding[0], p.dilation[0], kh, h);
  const cols = insideTaps(wo, p.stride[1], p.padding[1], p.dilation[1], kw, w);
  const [dh, dw] = p.dilation;
  const values = new Float32Array(n * c * ho * wo);
  const indices = new Int32Array(values.length);
  let at = 0;
  for (let base = 0; base < n * c * h * w; base += h * w) {
    for (let oh = 0; oh < ho; oh++) {
      const h0 = rows.first[oh] as number;
      const h1 = rows.end[oh] as number;
      for (let ow = 0; ow < wo; ow++, at++) {
        const w0 = cols.first[ow] as number;
        const w1 = cols.end[ow] as number;
        let best = Number.NEGATIVE_INFINITY;
        let where = h0 * w + w0;
        search: for (let ih = h0; ih < h1; ih += dh) {
          const stop = ih * w + w1;
          for (let k = ih * w + w0; k < stop; k += dw) {
            const v = xs[base + k] as number;
            if (v > best) {
              best = v;
              where = k;
            } else if (Number.isNaN(v)) {
              // NaN: the maximum, and nothing after it can win
              best = v;
              where = k;
              break search;
            }
          }
        }
        values[at] = best;
        indices[at] = where;
      }
    }
  }
  return [new CpuBuffer('float32', values), new CpuBuffer('int32', indices)];
}

/**
 * For each output position along one axis, the input positions its window reads inside the
 * input: from `first` (the first tap inside) up to before `end`, `dilation` apart.
 */
function insideTaps(
  out: number,
  stride: number,
  padding: number,
  dilation: number,
  kernel: number,
  size: number,
): { first: Int32Array; end: Int32Array } {
  const first = new Int32Array(out);
  const end = new Int32Array(out);
  for (let o = 0; o < out; o++) {
    const start = o * stride - padding;
    const i0 = start >= 0 ? 0 : Math.ceil(-start / dilation);
    const i1 = Math.min(kernel, Math.ceil((size - start) / dilation));
    first[o] = start + i0 * dilation;
    end[o] = i1 > i0 ? start + (i1 - 1) * dilation + 1 : start + i0 * dilation; // empty: never, in practice
  }
  return { first, end };
}
