import type { View } from '@nabla/backend';
import { elementwise } from '../codegen/elementwise.js';
import { intSelect } from '../codegen/int32.js';
import { float, int, isNonZero } from '../codegen/values.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';

/**
 * `torch.where(cond, a, b)`: `a` where the bool `cond` is true, else `b`, elementwise into a new
 * buffer of `a`'s dtype (int32 limb by limb, so NaN and every int32 pass through unchanged).
 *
 * cond, a, b: [...] -> [...]
 */
export function where(
  ctx: KernelContext,
  cond: View<GpuBuffer>,
  a: View<GpuBuffer>,
  b: View<GpuBuffer>,
): GpuBuffer {
  return elementwise(ctx, 'where', [cond, a, b], a.buffer.dtype, (src, [c, x, y]) => {
    if (c === undefined || x === undefined || y === undefined) throw new Error('where: operands');
    const pick = isNonZero(c);
    if (x.kind === 'int' && y.kind === 'int') return int(intSelect(src, pick, x, y));
    if (x.kind === 'float' && y.kind === 'float') return float(`${pick} ? ${x.x} : ${y.x}`);
    throw new Error('where: a and b of different dtypes');
  });
}
