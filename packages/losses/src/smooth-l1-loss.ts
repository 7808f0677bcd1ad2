import { type Tensor, where } from '@nabla/tensor';
import { fail, regressionPair } from './checks.js';
import { named } from './graph.js';
import { Loss, type LossOptions, reduce, resolveReduction } from './loss.js';
import type { Reduction } from './reduction.js';

/** Options of {@link smoothL1Loss} and {@link SmoothL1Loss}. */
export interface SmoothL1LossOptions extends LossOptions {
  /** Where the loss turns from quadratic to linear (default 1; 0 gives the L1 loss). */
  beta?: number;
}

function smoothL1(
  op: string,
  input: Tensor,
  target: Tensor,
  reduction: Reduction,
  beta: number,
): Tensor {
  if (!(beta >= 0)) fail(op, `beta must be non-negative, got ${beta}`);
  const [x, y] = regressionPair(op, input, target);
  return named(x, 'SmoothL1LossBackward0', () => {
    const d = x.sub(y);
    if (beta === 0) {
      // PyTorch's backward takes the slope -1 where d <= -beta, so -1 at d = 0 when beta is 0;
      // adding 0 turns the -0 of d.neg() into 0
      return reduce(where(d.gt(0), d, d.neg()).add(0), reduction);
    }
    const z = d.abs();
    return reduce(where(z.lt(beta), d.mul(d).mul(0.5 / beta), z.sub(0.5 * beta)), reduction);
  });
}

/**
 * The smooth L1 loss: `0.5 d^2 / beta` where `|d| < beta`, else `|d| - 0.5 beta`, with
 * `d = input - target`. Less sensitive to outliers than the MSE.
 *
 * Mirrors `torch.nn.functional.smooth_l1_loss(input, target, reduction='mean', beta=1.0)`.
 *
 * @example
 * ```ts
 * smoothL1Loss(tensor([0.5, 3], { dtype: 'float32' }), zeros(2)).item(); // (0.125 + 2.5) / 2 = 1.3125
 * ```
 */
export function smoothL1Loss(
  input: Tensor,
  target: Tensor,
  options: SmoothL1LossOptions = {},
): Tensor {
  const reduction = resolveReduction('smoothL1Loss', options);
  return smoothL1('smoothL1Loss', input, target, reduction, options.beta ?? 1);
}

/**
 * The smooth L1 loss as a module.
 *
 * Mirrors `torch.nn.SmoothL1Loss(reduction='mean', beta=1.0)`.
 *
 * @example
 * ```ts
 * const criterion = new SmoothL1Loss({ beta: 0.5 });
 * criterion(outputs, targets).backward();
 * ```
 */
export class SmoothL1Loss extends Loss {
  /** Where the loss turns from quadratic to linear. */
  readonly beta: number;

  constructor(options: SmoothL1LossOptions = {}) {
    super(resolveReduction('SmoothL1Loss', options));
    this.beta = options.beta ?? 1;
    if (!(this.beta >= 0)) fail('SmoothL1Loss', `beta must be non-negative, got ${this.beta}`);
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return smoothL1('SmoothL1Loss', input, target, this.reduction, this.beta);
  }
}
