import type { Tensor } from '@nabla/tensor';

/**
 * Runs `fn` as one node named `name` in the recorded graph (what `loss.gradFn.name` and graph
 * drawings show: `MseLossBackward0`, `NllLossBackward0`).
 */
export { named } from '@nabla/tensor';

/**
 * `value`, whose gradient with respect to `x` is `grad` times the incoming gradient, whatever
 * the ops that made `value` say. `value` must be computed from `x.detach()` (it may depend on
 * other tensors, whose gradients flow as usual).
 *
 * Why: some PyTorch losses have a backward formula that is not the derivative of their forward
 * formula (BCELoss divides by `max(x (1 - x), 1e-12)`, where its clamped logs have a zero or
 * infinite slope). `x - x.detach()` is exactly 0, so the forward value is unchanged.
 */
export function withGrad(x: Tensor, value: Tensor, grad: Tensor): Tensor {
  return value.add(x.sub(x.detach()).mul(grad.detach()));
}
