import type { BinaryOp, DType, View } from '@nabla/backend';
import { BOOL_RESULT_OPS } from '@nabla/backend';
import { elementwise } from '../../codegen/elementwise.js';
import { float } from '../../codegen/values.js';
import type { GpuBuffer } from '../../gpu-buffer.js';
import type { KernelContext } from '../../kernel-context.js';
import { FLOAT_BINARY } from './float.js';
import { INT_BINARY } from './int.js';

/**
 * Applies a binary op to `a` and `b` (equal shapes, one dtype; broadcasting arrives as stride-0
 * views) into a new contiguous buffer: bool for comparisons and logical ops, else the inputs'
 * dtype. int32 runs on limbs, exactly; bool arithmetic gives 0 / 1 (`True + True` is `True`).
 *
 * a: [...], b: [...] -> [...]
 */
export function binary(
  ctx: KernelContext,
  op: BinaryOp,
  a: View<GpuBuffer>,
  b: View<GpuBuffer>,
): GpuBuffer {
  const dtype: DType = BOOL_RESULT_OPS.has(op) ? 'bool' : a.buffer.dtype;
  return elementwise(ctx, `binary ${op}`, [a, b], dtype, (src, [x, y]) => {
    if (x === undefined || y === undefined) throw new Error('binary: two operands expected');
    if (x.kind === 'int' && y.kind === 'int') return INT_BINARY[op](src, x, y);
    if (x.kind === 'float' && y.kind === 'float') {
      return float(src.let(FLOAT_BINARY[op](x.x, y.x), 'y'));
    }
    throw new Error('binary: operands of different dtypes');
  });
}
