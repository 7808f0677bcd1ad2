import type { DType, TypedArray } from '@nabla/backend';
import { allocHost, castScalar } from '@nabla/backend';
import { floatsPer } from './codegen/values.js';

/**
 * The floats the device holds for `values` stored as `dtype` (converted as `castScalar` does):
 * float32 as is, bool as 0 / 1, int32 as a plane of low 16-bit limbs (in [0, 65536)) followed
 * by a plane of signed high limbs (in [-32768, 32768)).
 *
 * [n] values -> [n] floats (float32, bool) or [2n] floats (int32)
 */
export function encode(values: ArrayLike<number>, dtype: DType): Float32Array {
  const n = values.length;
  const out = new Float32Array(n * floatsPer(dtype));
  if (dtype !== 'int32') {
    for (let i = 0; i < n; i++) out[i] = castScalar(values[i] as number, dtype);
    return out;
  }
  for (let i = 0; i < n; i++) {
    const v = castScalar(values[i] as number, dtype);
    const lo = v & 0xffff;
    out[i] = lo;
    out[n + i] = (v - lo) / 65536;
  }
  return out;
}

/** The host array of `size` elements of `dtype` that the device floats `floats` hold. */
export function decode(floats: Float32Array, dtype: DType, size: number): TypedArray {
  const out = allocHost(dtype, size);
  if (dtype !== 'int32') {
    out.set(floats.subarray(0, size));
    return out;
  }
  for (let i = 0; i < size; i++) {
    out[i] = (floats[size + i] as number) * 65536 + (floats[i] as number);
  }
  return out;
}
