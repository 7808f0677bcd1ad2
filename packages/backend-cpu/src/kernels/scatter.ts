import type { View } from '@nabla/backend';
import { contiguousStrides } from '@nabla/backend';
import { CpuBuffer } from '../cpu-buffer.js';
import { dense, forEachOffset } from '../strided.js';

/**
 * A contiguous copy of `x` with each element of `src` written at its own position except along
 * `axis`, where `index` says where: for axis 0, `out[index[i][j]][j] = src[i][j]`. Mirrors
 * `torch.scatter(x, axis, index, src)`, or `torch.scatter_add` when `accumulate` (sums in
 * `index`'s row-major order, each rounded to the dtype as it is stored, int32 wrapping).
 * With repeated indices and no `accumulate`, the last one written wins (PyTorch leaves that
 * unspecified).
 *
 * x: [..., n, ...], index and src: [..., m, ...] -> x's shape and dtype
 */
export function scatter(
  x: View<CpuBuffer>,
  axis: number,
  index: View<CpuBuffer>,
  src: View<CpuBuffer>,
  accumulate: boolean,
): CpuBuffer {
  const dtype = x.buffer.dtype;
  const out = dense(x, true);
  const idx = dense(index);
  const sv = dense(src);
  const strides = contiguousStrides(x.shape);
  const step = strides[axis] as number;
  // As in gather: index's shape walked with out's strides, zeroed on `axis`.
  const base = strides.map((s, d) => (d === axis ? 0 : s));
  const wrap = dtype === 'int32';
  forEachOffset(index.shape, base, 0, (i, at) => {
    const p = at + (idx[i] as number) * step;
    const v = sv[i] as number;
    if (!accumulate) out[p] = v;
    else if (wrap) out[p] = ((out[p] as number) + v) | 0;
    else out[p] = (out[p] as number) + v;
  });
  return new CpuBuffer(dtype, out);
}
