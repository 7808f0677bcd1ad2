import type { View } from '@nabla/backend';
import { elementwise } from '../codegen/elementwise.js';
import { float } from '../codegen/values.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';

/**
 * PyTorch's `threshold_backward`, the gradient of ReLU: `x <= threshold ? 0 : grad` for float32
 * views of one shape, in one kernel. A NaN in `x` passes its gradient on (the comparison is
 * false), as in PyTorch.
 *
 * grad: [...], x: [...] -> [...]
 */
export function thresholdBackward(
  ctx: KernelContext,
  grad: View<GpuBuffer>,
  x: View<GpuBuffer>,
  threshold: number,
): GpuBuffer {
  return elementwise(ctx, `thresholdBackward ${threshold}`, [grad, x], 'float32', (src, [g, v]) => {
    if (g?.kind !== 'float' || v?.kind !== 'float') {
      throw new Error('thresholdBackward: two float32 operands expected');
    }
    const t = src.constant('threshold', threshold);
    return float(`${v.x} <= ${t} ? 0 : ${g.x}`);
  });
}
