import type { View } from '@nabla/backend';
import { allocHost } from '@nabla/backend';
import { CpuBuffer } from '../cpu-buffer.js';
import { dense, forEachOffset } from '../strided.js';

/**
 * `torch.gather(x, axis, index)`: `out[i][j] = x[index[i][j]][j]` for axis 0,
 * `out[i][j] = x[i][index[i][j]]` for axis 1, and so on. `index` is int32 with values in
 * `[0, x.shape[axis])`; on the other axes it may be smaller than `x`, as PyTorch allows.
 *
 * x: [..., n, ...], index: [..., m, ...] -> [..., m, ...] (index's shape, x's dtype)
 */
export function gather(x: View<CpuBuffer>, axis: number, index: View<CpuBuffer>): CpuBuffer {
  const { data, dtype } = x.buffer;
  const idx = dense(index);
  const out = allocHost(dtype, idx.length);
  const step = x.strides[axis] as number;
  // Walking index's shape with x's strides, zeroed on `axis`, gives where in x's buffer each
  // output element's row starts; the index value then moves along `axis`.
  const base = x.strides.map((s, d) => (d === axis ? 0 : s));
  forEachOffset(index.shape, base, x.offset, (i, at) => {
    out[i] = data[at + (idx[i] as number) * step] as number;
  });
  return new CpuBuffer(dtype, out);
}
