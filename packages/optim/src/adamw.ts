import type { Tensor } from '@nabla/tensor';
import { type AdamState, adamUpdate, initAdamState } from './adam.js';
import { Optimizer, type OptimizerGroup, type OptimizerParams } from './optimizer.js';
import { type AdamDefaults, type AdamOptions, validateAdamOptions } from './options.js';

/**
 * AdamW, Adam with decoupled weight decay: PyTorch's `torch.optim.AdamW` (defaults lr 1e-3,
 * betas [0.9, 0.999], eps 1e-8, weightDecay 1e-2), as its single-tensor path computes it. Each
 * step first shrinks the parameter, `p = p * (1 - lr * weightDecay)`, then takes Adam's step on
 * the gradient alone.
 *
 * @example
 * ```ts
 * // optimizer = optim.AdamW(net.parameters(), lr=1e-3, weight_decay=0.05)
 * const optimizer = new AdamW(net.parameters(), { lr: 1e-3, weightDecay: 0.05 });
 * ```
 */
export class AdamW extends Optimizer<AdamDefaults, AdamState> {
  /**
   * @throws Error `Invalid learning rate: -1`, `Invalid epsilon value: -1e-8`,
   *   `Invalid beta parameter at index 0: 1`, `Invalid weight_decay value: -0.01`.
   */
  constructor(params: OptimizerParams<AdamDefaults>, options: AdamOptions = {}) {
    const defaults = validateAdamOptions({
      ...options,
      weightDecay: options.weightDecay ?? 1e-2,
    });
    super(params, defaults, {
      name: 'AdamW',
      torchOnly: { capturable: false, foreach: null },
    });
  }

  protected override updateGroup(group: OptimizerGroup<AdamDefaults>): void {
    for (const p of group.params) {
      const g: Tensor | null = p.grad;
      if (g === null) continue;
      const state = initAdamState(this.stateOf(p), p, group.amsgrad);
      const grad = group.maximize ? g.neg() : g;
      state.step += 1;
      // decoupled weight decay
      p.mul_(1 - group.lr * group.weightDecay);
      adamUpdate(p, grad, state, group);
    }
  }
}
