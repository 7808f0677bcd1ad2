import type { View } from '@nabla/backend';
import { differenceWithError } from '../codegen/two-sum.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';
import { normalize } from './softmax.js';

/**
 * `torch.log_softmax(x, axis)` of a float32 view: `x - max - log(sum(exp(x - max)))` along
 * `axis`, in two passes as {@link softmax}. Unlike `log(softmax(x))` it stays finite for very
 * negative inputs; a NaN in a slice, or a slice that is all -inf (or holds +inf), gives NaN
 * for the whole slice, as in PyTorch.
 *
 * x: [..., n, ...] -> the same shape
 */
export function logSoftmax(ctx: KernelContext, x: View<GpuBuffer>, axis: number): GpuBuffer {
  return normalize(ctx, 'log-softmax', x, axis, (src, v, m, t) => {
    // x - max <= 0 and -log1p(t) <= 0: the sum has no cancellation
    const { d, e } = differenceWithError(src, v, m);
    return `(${d} - Math.log1p(${t})) + ${e}`;
  });
}
