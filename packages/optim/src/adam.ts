import { type Tensor, zerosLike } from '@nabla/tensor';
import { Optimizer, type OptimizerGroup, type OptimizerParams } from './optimizer.js';
import { type AdamDefaults, type AdamOptions, validateAdamOptions } from './options.js';
import { addcdiv_, addcmul_ } from './pointwise.js';

/** Adam's (and AdamW's) state of one parameter. */
export interface AdamState {
  /** Steps taken (PyTorch keeps a one-element tensor; here a number). */
  step: number;
  /** The running average of the gradient (`exp_avg`). */
  expAvg: Tensor;
  /** The running average of the squared gradient (`exp_avg_sq`). */
  expAvgSq: Tensor;
  /** With amsgrad: the largest `expAvgSq` so far, elementwise (`max_exp_avg_sq`). */
  maxExpAvgSq?: Tensor;
}

/** The moment updates and the parameter step that Adam and AdamW share, PyTorch's order. */
export function adamUpdate(
  p: Tensor,
  grad: Tensor,
  state: AdamState,
  group: Pick<AdamDefaults, 'lr' | 'betas' | 'eps' | 'amsgrad'>,
): void {
  const { lr, eps, amsgrad } = group;
  const [beta1, beta2] = group.betas;
  const { expAvg, expAvgSq, step } = state;
  // Decay the first and second moment running averages
  expAvg.mul_(beta1).add_(grad, 1 - beta1);
  addcmul_(expAvgSq.mul_(beta2), grad, grad, 1 - beta2);
  const biasCorrection1 = 1 - beta1 ** step;
  const biasCorrection2 = 1 - beta2 ** step;
  const stepSize = lr / biasCorrection1;
  const biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
  let second = expAvgSq;
  if (amsgrad) {
    const max = state.maxExpAvgSq as Tensor;
    max.copy_(max.maximum(expAvgSq));
    second = max;
  }
  const denom = second.sqrt().div(biasCorrection2Sqrt).add_(eps);
  addcdiv_(p, expAvg, denom, -stepSize);
}

/** A parameter's Adam state, made with zeros on its first step. */
export function initAdamState(state: Partial<AdamState>, p: Tensor, amsgrad: boolean): AdamState {
  if (state.expAvg === undefined) {
    state.step = 0;
    state.expAvg = zerosLike(p);
    state.expAvgSq = zerosLike(p);
    if (amsgrad) state.maxExpAvgSq = zerosLike(p);
  }
  return state as AdamState;
}

/**
 * Adam, PyTorch's `torch.optim.Adam` (defaults lr 1e-3, betas [0.9, 0.999], eps 1e-8), computed
 * as its single-tensor (for-loop) path does, op for op:
 *
 * ```
 * g = g + weightDecay * p                       (L2 penalty, when weightDecay != 0)
 * m = beta1 * m + (1 - beta1) * g
 * v = beta2 * v + (1 - beta2) * g * g
 * p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * ```
 *
 * with `v` replaced by its running maximum under amsgrad.
 *
 * @example
 * ```ts
 * // optimizer = optim.Adam(net.parameters()); print(optimizer)
 * const optimizer = new Adam(net.parameters());
 * console.log(optimizer.toString()); // 'Adam (\nParameter Group 0\n    amsgrad: False\n ...'
 * ```
 */
export class Adam extends Optimizer<AdamDefaults, AdamState> {
  /**
   * @throws Error `Invalid learning rate: -1`, `Invalid epsilon value: -1e-8`,
   *   `Invalid beta parameter at index 0: 1`, `Invalid weight_decay value: -0.01`.
   */
  constructor(params: OptimizerParams<AdamDefaults>, options: AdamOptions = {}) {
    super(params, validateAdamOptions(options), {
      name: 'Adam',
      torchOnly: { capturable: false, differentiable: false, foreach: null, fused: false },
    });
  }

  protected override updateGroup(group: OptimizerGroup<AdamDefaults>): void {
    for (const p of group.params) {
      const g = p.grad;
      if (g === null) continue;
      const state = initAdamState(this.stateOf(p), p, group.amsgrad);
      let grad = group.maximize ? g.neg() : g;
      state.step += 1;
      if (group.weightDecay !== 0) grad = grad.add(p, group.weightDecay);
      adamUpdate(p, grad, state, group);
    }
  }
}
