import type { View } from '@nabla/backend';
import { forEachIndex } from '@nabla/backend';
import type { CpuBuffer } from '../cpu-buffer.js';
import { dense } from '../strided.js';

/**
 * Writes `src` into the elements of `dst` in place (same shape and dtype; `src` may be a
 * stride-0 broadcast). Mirrors `dst.copy_(src)`, the kernel behind `x[...] = value` and the
 * in-place ops. `src` is read in full before anything is written, so the two may overlap in
 * one buffer (`x[1:] = x[:-1]` shifts, as in PyTorch).
 */
export function assign(dst: View<CpuBuffer>, src: View<CpuBuffer>): void {
  const data = dst.buffer.data;
  const sv = dense(src, src.buffer === dst.buffer);
  forEachIndex(dst, (i, at) => {
    data[at] = sv[i] as number;
  });
}
