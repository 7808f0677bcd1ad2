import { isAutodiff } from '@nabla/backend';
import { Tensor } from '@nabla/tensor';

/**
 * A tensor that is a module's learnable weight: a leaf that requires grad (unless told not to),
 * found by `Module.parameters()` when assigned to a module's property.
 *
 * The parameter shares `data`'s memory when `data` owns its whole buffer (as PyTorch's
 * `nn.Parameter(t)` shares `t`'s storage); a view of part of a buffer is copied first, so that a
 * parameter always owns its memory and can hold a `.grad`.
 *
 * Mirrors `torch.nn.Parameter(data, requires_grad=True)`.
 *
 * @example
 * ```ts
 * const w = new Parameter(torch.ones(2));
 * w.requiresGrad; // true
 * String(w);      // 'Parameter containing:\ntensor([1., 1.], requires_grad=True)'
 * ```
 */
export class Parameter extends Tensor {
  constructor(data: Tensor, requiresGrad = true) {
    const owns = data.isContiguous() && data.offset === 0 && data.buffer.size === data.numel();
    // detach: the parameter is a new leaf on the same memory, outside any graph
    const base = (owns ? data : data.clone()).detach();
    super(base.device, base.backend, base.buffer, base.shape, base.strides, base.offset);
    // a backend without autodiff (inference only) cannot record gradients: leave the flag off
    if (requiresGrad && isAutodiff(base.backend)) this.requiresGrad_(true);
  }

  /** PyTorch's repr: `Parameter containing:` and the tensor. */
  override toString(): string {
    return `Parameter containing:\n${super.toString()}`;
  }
}
