import type { DType, View } from '@nabla/backend';
import { allocHost, castScalar } from '@nabla/backend';
import { CpuBuffer } from '../cpu-buffer.js';
import { dense } from '../strided.js';

/**
 * Copies a view into a new contiguous buffer of `dtype`, converting each element as
 * `castScalar` does. Mirrors `x.to(dtype)` (and `x.contiguous()` when the dtype is the same):
 * float to int32 truncates toward zero, anything to bool is `x != 0` (NaN is true), bool to a
 * number is 0 / 1. NaN, inf and values outside int32 become what `Math.trunc(v) | 0` gives
 * (0 for NaN and inf, wrapped otherwise); PyTorch leaves those undefined (x86 gives -2^31).
 */
export function cast(x: View<CpuBuffer>, dtype: DType): CpuBuffer {
  const xs = dense(x);
  const out = allocHost(dtype, xs.length);
  if (dtype === x.buffer.dtype) {
    out.set(xs);
  } else {
    for (let i = 0; i < xs.length; i++) out[i] = castScalar(xs[i] as number, dtype);
  }
  return new CpuBuffer(dtype, out);
}
