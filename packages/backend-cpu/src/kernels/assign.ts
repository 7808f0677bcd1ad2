import type { View } from '@nabla/backend';
import { forEachIndex, isContiguousView } from '@nabla/backend';
import type { CpuBuffer } from '../cpu-buffer.js';
import { dense, isScalarBroadcast, numelOf } from '../strided.js';
import { scatterStrided } from '../strided-copy.js';

/**
 * Writes `src` into the elements of `dst` in place (same shape and dtype; `src` may be a
 * stride-0 broadcast). Mirrors `dst.copy_(src)`, the kernel behind `x[...] = value` and the
 * in-place ops. `src` is read in full before anything is written, so the two may overlap in
 * one buffer (`x[1:] = x[:-1]` shifts, as in PyTorch).
 *
 * Fast paths: a scalar broadcast `src` is one number (`fill` when `dst` is contiguous); a
 * contiguous `src` into a contiguous `dst` is one `set` (which copies the source first when
 * both share a buffer, so overlap is safe, and stores each element as an indexed write does).
 */
export function assign(dst: View<CpuBuffer>, src: View<CpuBuffer>): void {
  const data = dst.buffer.data;
  const n = numelOf(dst.shape);
  if (n === 0) return;
  const dstContiguous = isContiguousView(dst.shape, dst.strides);
  if (isScalarBroadcast(src.shape, src.strides)) {
    const v = src.buffer.data[src.offset] as number;
    if (dstContiguous) {
      data.fill(v, dst.offset, dst.offset + n);
    } else {
      forEachIndex(dst, (_i, at) => {
        data[at] = v;
      });
    }
    return;
  }
  if (dstContiguous && isContiguousView(src.shape, src.strides)) {
    data.set(src.buffer.data.subarray(src.offset, src.offset + n), dst.offset);
    return;
  }
  const sv = dense(src, src.buffer === dst.buffer);
  if (dstContiguous) {
    data.set(sv, dst.offset);
    return;
  }
  scatterStrided(data, dst.shape, dst.strides, dst.offset, sv);
}
