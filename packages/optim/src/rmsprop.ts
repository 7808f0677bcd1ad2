import { type Tensor, zerosLike } from '@nabla/tensor';
import { Optimizer, type OptimizerGroup, type OptimizerParams } from './optimizer.js';
import { addcdiv_, addcmul, addcmul_ } from './pointwise.js';

/** Hyper-parameters of {@link RMSprop}; all optional. */
export interface RmspropOptions {
  /** Learning rate. Default 1e-2. */
  lr?: number;
  /** Smoothing constant of the running average of squared gradients. Default 0.99. */
  alpha?: number;
  /** Added to the denominator for numerical stability. Default 1e-8. */
  eps?: number;
  /** L2 penalty added to the gradient. Default 0. */
  weightDecay?: number;
  /** Momentum factor. Default 0. */
  momentum?: number;
  /** Normalize by an estimate of the gradient's variance. Default false. */
  centered?: boolean;
  /** Maximize the objective instead of minimizing it. Default false. */
  maximize?: boolean;
}

/** RMSprop's options with every default filled in. */
export type RmspropDefaults = Required<RmspropOptions>;

/** RMSprop's state of one parameter. */
export interface RmspropState {
  /** Steps taken. */
  step: number;
  /** The running average of the squared gradient (`square_avg`). */
  squareAvg: Tensor;
  /** With momentum: the momentum buffer (`momentum_buffer`). */
  momentumBuffer?: Tensor;
  /** When centered: the running average of the gradient (`grad_avg`). */
  gradAvg?: Tensor;
}

/**
 * Checks RMSprop's hyper-parameters in PyTorch's order and with its messages, and fills in the
 * defaults. Mirrors the checks of `torch.optim.RMSprop.__init__`.
 *
 * @throws Error `Invalid learning rate: -1`, `Invalid epsilon value: -1`,
 *   `Invalid momentum value: -1`, `Invalid weight_decay value: -1`, `Invalid alpha value: -1`.
 */
export function validateRmspropOptions(options: RmspropOptions = {}): RmspropDefaults {
  const {
    lr = 1e-2,
    alpha = 0.99,
    eps = 1e-8,
    weightDecay = 0,
    momentum = 0,
    centered = false,
    maximize = false,
  } = options;
  if (!(0.0 <= lr)) throw new Error(`Invalid learning rate: ${lr}`);
  if (!(0.0 <= eps)) throw new Error(`Invalid epsilon value: ${eps}`);
  if (!(0.0 <= momentum)) throw new Error(`Invalid momentum value: ${momentum}`);
  if (!(0.0 <= weightDecay)) throw new Error(`Invalid weight_decay value: ${weightDecay}`);
  if (!(0.0 <= alpha)) throw new Error(`Invalid alpha value: ${alpha}`);
  return { lr, alpha, eps, weightDecay, momentum, centered, maximize };
}

/**
 * RMSprop, PyTorch's `torch.optim.RMSprop` (defaults lr 1e-2, alpha 0.99, eps 1e-8), as its
 * single-tensor path computes it:
 *
 * ```
 * v = alpha * v + (1 - alpha) * g * g
 * a = sqrt(v) + eps,  or, centered: m = alpha * m + (1 - alpha) * g; a = sqrt(v - m * m) + eps
 * p = p - lr * g / a,  or, with momentum: b = momentum * b + g / a; p = p - lr * b
 * ```
 *
 * @example
 * ```ts
 * const optimizer = new RMSprop(net.parameters(), { lr: 0.01, momentum: 0.9 });
 * ```
 */
export class RMSprop extends Optimizer<RmspropDefaults, RmspropState> {
  constructor(params: OptimizerParams<RmspropDefaults>, options: RmspropOptions = {}) {
    super(params, validateRmspropOptions(options), {
      name: 'RMSprop',
      torchOnly: { differentiable: false, foreach: null },
    });
  }

  protected override updateGroup(group: OptimizerGroup<RmspropDefaults>): void {
    const { lr, alpha, eps, weightDecay, momentum, centered, maximize } = group;
    for (const p of group.params) {
      const g = p.grad;
      if (g === null) continue;
      const state = this.stateOf(p);
      if (state.squareAvg === undefined) {
        state.step = 0;
        state.squareAvg = zerosLike(p);
        if (momentum > 0) state.momentumBuffer = zerosLike(p);
        if (centered) state.gradAvg = zerosLike(p);
      }
      state.step = (state.step ?? 0) + 1;
      let grad = maximize ? g.neg() : g;
      if (weightDecay !== 0) grad = grad.add(p, weightDecay);
      const squareAvg = addcmul_(state.squareAvg.mul_(alpha), grad, grad, 1 - alpha);
      let avg: Tensor;
      if (centered) {
        const gradAvg = (state.gradAvg as Tensor).mul_(alpha).add_(grad, 1 - alpha);
        avg = addcmul(squareAvg, gradAvg, gradAvg, -1).sqrt();
      } else {
        avg = squareAvg.sqrt();
      }
      avg = avg.add_(eps);
      if (momentum > 0) {
        const buf = state.momentumBuffer as Tensor;
        addcdiv_(buf.mul_(momentum), grad, avg);
        p.add_(buf, -lr);
      } else {
        addcdiv_(p, grad, avg, -lr);
      }
    }
  }
}
