import type { DType, View } from '@nabla/backend';
import { allocHost, castScalar, isContiguousView } from '@nabla/backend';
import { CpuBuffer } from '../cpu-buffer.js';
import { dense, isScalarBroadcast, numelOf } from '../strided.js';

/**
 * Copies a view into a new contiguous buffer of `dtype`, converting each element as
 * `castScalar` does. Mirrors `x.to(dtype)` (and `x.contiguous()` when the dtype is the same):
 * float to int32 truncates toward zero, anything to bool is `x != 0` (NaN is true), bool to a
 * number is 0 / 1. NaN, inf and values outside int32 become what `Math.trunc(v) | 0` gives
 * (0 for NaN and inf, wrapped otherwise); PyTorch leaves those undefined (x86 gives -2^31).
 *
 * Fast paths: a scalar broadcast is one cast and a `fill`; a contiguous view of the same dtype
 * is one `slice` of its buffer; a contiguous view of another dtype is read in place, and
 * converted to a number dtype by one native typed-array copy.
 */
export function cast(x: View<CpuBuffer>, dtype: DType): CpuBuffer {
  const n = numelOf(x.shape);
  const src = x.buffer.data;
  if (n > 0 && isScalarBroadcast(x.shape, x.strides)) {
    const out = allocHost(dtype, n);
    out.fill(castScalar(src[x.offset] as number, dtype));
    return new CpuBuffer(dtype, out);
  }
  if (dtype === x.buffer.dtype && isContiguousView(x.shape, x.strides)) {
    return new CpuBuffer(dtype, src.slice(x.offset, x.offset + n));
  }
  const xs = dense(x);
  if (dtype === x.buffer.dtype) return new CpuBuffer(dtype, xs);
  const out = allocHost(dtype, n);
  // to float32 / int32, a typed-array copy converts as castScalar does (Math.fround, and
  // ToInt32 = Math.trunc(v) | 0); to bool it would wrap mod 256, so that one loops
  if (dtype !== 'bool') out.set(xs);
  else for (let i = 0; i < n; i++) out[i] = castScalar(xs[i] as number, dtype);
  return new CpuBuffer(dtype, out);
}
