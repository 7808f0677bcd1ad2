import type { UnaryOp, View } from '@nabla/backend';
import { elementwise } from '../../codegen/elementwise.js';
import { asFloat, float, int, isNonZero } from '../../codegen/values.js';
import type { GpuBuffer } from '../../gpu-buffer.js';
import type { KernelContext } from '../../kernel-context.js';
import { FLOAT_UNARY } from './float.js';
import { INT_UNARY } from './int.js';

/**
 * Applies a unary op to every element of `x` into a new contiguous buffer of `x`'s dtype (bool
 * for `not`), as the CPU backend does: int32 `neg`, `abs`, `sign`, `relu` and the rounding ops
 * exactly on limbs; other ops on the float value, converted back to the dtype (int32 truncates
 * and wraps, bool is `!= 0`).
 *
 * x: [...] -> [...]
 */
export function unary(ctx: KernelContext, op: UnaryOp, x: View<GpuBuffer>): GpuBuffer {
  const inType = x.buffer.dtype;
  const dtype = op === 'not' ? 'bool' : inType;
  return elementwise(ctx, `unary ${op}`, [x], dtype, (src, [v]) => {
    if (v === undefined) throw new Error('unary: no operand');
    if (op === 'not') return float(`${isNonZero(v)} ? 0 : 1`);
    const exact = INT_UNARY[op];
    if (v.kind === 'int' && exact) return int(exact(src, v));
    return float(src.let(FLOAT_UNARY[op](src, src.let(asFloat(v), 'x')), 'y'));
  });
}
