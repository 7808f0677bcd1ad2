import type { DType, View } from '@nabla/backend';
import { elementwise } from '../codegen/elementwise.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';

/**
 * Copies a view into a new contiguous buffer of `dtype`, converting each element as
 * `castScalar` does: float to int32 truncates toward zero and wraps (NaN and ±inf give 0),
 * anything to bool is `x != 0` (NaN is true), int32 to float32 rounds to nearest (16777217
 * gives 16777216). Mirrors `x.to(dtype)`, and `x.contiguous()` when the dtype is the same.
 *
 * x: [...] -> [...] of `dtype`
 */
export function cast(ctx: KernelContext, x: View<GpuBuffer>, dtype: DType): GpuBuffer {
  return elementwise(ctx, 'cast', [x], dtype, (_, [v]) => {
    if (v === undefined) throw new Error('cast: no operand');
    return v; // the output converts to its dtype
  });
}
