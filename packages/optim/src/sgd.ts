import type { Tensor } from '@nabla/tensor';
import { Optimizer, type OptimizerGroup, type OptimizerParams } from './optimizer.js';
import { type SgdDefaults, type SgdOptions, validateSgdOptions } from './options.js';

/** SGD's state of one parameter: the momentum buffer (null while momentum is 0). */
export interface SgdState {
  momentumBuffer: Tensor | null;
}

/**
 * Stochastic gradient descent, optionally with momentum, dampening, Nesterov momentum and
 * weight decay: PyTorch's `torch.optim.SGD`, computed as its single-tensor (for-loop) path does,
 * op for op.
 *
 * Each step, for each parameter `p` with a gradient `g`:
 * `g = -g` if maximizing; `g = g + weightDecay * p`; with momentum, `b = g` the first time and
 * `b = momentum * b + (1 - dampening) * g` after, and `g = g + momentum * b` (Nesterov) or
 * `g = b`; then `p = p - lr * g`.
 *
 * @example
 * ```ts
 * // optimizer = optim.SGD([W, B], lr=0.001, momentum=0.9)
 * const optimizer = new SGD([W, B], { lr: 0.001, momentum: 0.9 });
 * loss.backward();
 * optimizer.step();
 * optimizer.zeroGrad();
 * ```
 */
export class SGD extends Optimizer<SgdDefaults, SgdState> {
  /**
   * @throws Error `Invalid learning rate: -1`, `Invalid momentum value: -0.1`,
   *   `Invalid weight_decay value: -0.01`, `Nesterov momentum requires a momentum and zero
   *   dampening`, or, from the parameters, `optimizer got an empty parameter list`.
   */
  constructor(params: OptimizerParams<SgdDefaults>, options: SgdOptions) {
    super(params, validateSgdOptions(options), {
      name: 'SGD',
      torchOnly: { differentiable: false, foreach: null },
    });
  }

  protected override updateGroup(group: OptimizerGroup<SgdDefaults>): void {
    const { weightDecay, momentum, lr, dampening, nesterov, maximize } = group;
    for (const p of group.params) {
      const grad = p.grad;
      if (grad === null) continue;
      const state = this.stateOf(p);
      let dP = maximize ? grad.neg() : grad;
      if (weightDecay !== 0) dP = dP.add(p, weightDecay);
      if (momentum !== 0) {
        let buf = state.momentumBuffer ?? null;
        if (buf === null) {
          buf = dP.clone().detach();
        } else {
          buf.mul_(momentum).add_(dP, 1 - dampening);
        }
        state.momentumBuffer = buf;
        dP = nesterov ? dP.add(buf, momentum) : buf;
      } else {
        // PyTorch 1.13 records a None buffer for every parameter that took a step
        state.momentumBuffer = state.momentumBuffer ?? null;
      }
      p.add_(dP, -lr);
    }
  }
}
