import { fullLike, type Tensor } from '@nabla/tensor';
import { Optimizer, type OptimizerGroup, type OptimizerParams } from './optimizer.js';
import { addcdiv_, addcmul_ } from './pointwise.js';

/** Hyper-parameters of {@link Adagrad}; all optional. */
export interface AdagradOptions {
  /** Learning rate. Default 1e-2. */
  lr?: number;
  /** Learning-rate decay: step t uses `lr / (1 + (t - 1) * lrDecay)`. Default 0. */
  lrDecay?: number;
  /** L2 penalty added to the gradient. Default 0. */
  weightDecay?: number;
  /** The starting value of the sum of squared gradients. Default 0. */
  initialAccumulatorValue?: number;
  /** Added to the denominator for numerical stability. Default 1e-10. */
  eps?: number;
  /** Maximize the objective instead of minimizing it. Default false. */
  maximize?: boolean;
}

/** Adagrad's options with every default filled in. */
export type AdagradDefaults = Required<AdagradOptions>;

/** Adagrad's state of one parameter. */
export interface AdagradState {
  /** Steps taken (PyTorch keeps a one-element tensor; here a number). */
  step: number;
  /** The sum of squared gradients (`sum`). */
  sum: Tensor;
}

/**
 * Checks Adagrad's hyper-parameters in PyTorch's order and with its messages, and fills in the
 * defaults. Mirrors the checks of `torch.optim.Adagrad.__init__`.
 *
 * @throws Error `Invalid learning rate: -1`, `Invalid lr_decay value: -1`,
 *   `Invalid weight_decay value: -1`, `Invalid initial_accumulator_value value: -1`,
 *   `Invalid epsilon value: -1`.
 */
export function validateAdagradOptions(options: AdagradOptions = {}): AdagradDefaults {
  const {
    lr = 1e-2,
    lrDecay = 0,
    weightDecay = 0,
    initialAccumulatorValue = 0,
    eps = 1e-10,
    maximize = false,
  } = options;
  if (!(0.0 <= lr)) throw new Error(`Invalid learning rate: ${lr}`);
  if (!(0.0 <= lrDecay)) throw new Error(`Invalid lr_decay value: ${lrDecay}`);
  if (!(0.0 <= weightDecay)) throw new Error(`Invalid weight_decay value: ${weightDecay}`);
  if (!(0.0 <= initialAccumulatorValue)) {
    throw new Error(`Invalid initial_accumulator_value value: ${initialAccumulatorValue}`);
  }
  if (!(0.0 <= eps)) throw new Error(`Invalid epsilon value: ${eps}`);
  return { lr, lrDecay, eps, weightDecay, initialAccumulatorValue, maximize };
}

/**
 * Adagrad, PyTorch's `torch.optim.Adagrad` (defaults lr 1e-2, eps 1e-10), as its single-tensor
 * path computes it: `s = s + g * g`, `p = p - lr / (1 + (t - 1) * lrDecay) * g / (sqrt(s) + eps)`.
 * As in PyTorch, each parameter's state is made when its group is added, with the sum filled
 * with `initialAccumulatorValue`.
 *
 * @example
 * ```ts
 * const optimizer = new Adagrad(net.parameters(), { lr: 0.1 });
 * ```
 */
export class Adagrad extends Optimizer<AdagradDefaults, AdagradState> {
  constructor(params: OptimizerParams<AdagradDefaults>, options: AdagradOptions = {}) {
    super(params, validateAdagradOptions(options), {
      name: 'Adagrad',
      torchOnly: { foreach: null },
    });
  }

  protected override initGroup(group: OptimizerGroup<AdagradDefaults>): void {
    for (const p of group.params) {
      this.state.set(p, { step: 0, sum: fullLike(p, group.initialAccumulatorValue) });
    }
  }

  protected override updateGroup(group: OptimizerGroup<AdagradDefaults>): void {
    const { lr, weightDecay, lrDecay, eps, maximize } = group;
    for (const p of group.params) {
      const g = p.grad;
      if (g === null) continue;
      const state = this.stateOf(p) as AdagradState;
      state.step += 1;
      let grad = maximize ? g.neg() : g;
      if (weightDecay !== 0) grad = grad.add(p, weightDecay);
      const clr = lr / (1 + (state.step - 1) * lrDecay);
      addcmul_(state.sum, grad, grad, 1);
      const std = state.sum.sqrt().add_(eps);
      addcdiv_(p, grad, std, -clr);
    }
  }
}
