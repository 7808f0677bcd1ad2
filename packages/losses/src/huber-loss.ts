import { type Tensor, where } from '@nabla/tensor';
import { fail, regressionPair } from './checks.js';
import { named } from './graph.js';
import { Loss, type LossOptions, reduce, resolveReduction } from './loss.js';
import type { Reduction } from './reduction.js';

/** Options of {@link huberLoss} and {@link HuberLoss}. */
export interface HuberLossOptions extends LossOptions {
  /** Where the loss turns from quadratic to linear (default 1; must be positive). */
  delta?: number;
}

function huber(
  op: string,
  input: Tensor,
  target: Tensor,
  reduction: Reduction,
  delta: number,
): Tensor {
  if (!(delta > 0)) fail(op, `delta must be positive, got ${delta}`);
  const [x, y] = regressionPair(op, input, target);
  return named(x, 'HuberLossBackward0', () => {
    const d = x.sub(y);
    const z = d.abs();
    return reduce(where(z.lt(delta), d.mul(d).mul(0.5), z.sub(0.5 * delta).mul(delta)), reduction);
  });
}

/**
 * The Huber loss: `0.5 d^2` where `|d| < delta`, else `delta (|d| - 0.5 delta)`, with
 * `d = input - target`; the smooth L1 loss times `delta` (with `beta = delta`).
 *
 * Mirrors `torch.nn.functional.huber_loss(input, target, reduction='mean', delta=1.0)`.
 *
 * @example
 * ```ts
 * huberLoss(tensor([0.5, 3], { dtype: 'float32' }), zeros(2), { delta: 2 }).item(); // (0.125 + 4) / 2
 * ```
 */
export function huberLoss(input: Tensor, target: Tensor, options: HuberLossOptions = {}): Tensor {
  const reduction = resolveReduction('huberLoss', options);
  return huber('huberLoss', input, target, reduction, options.delta ?? 1);
}

/**
 * The Huber loss as a module.
 *
 * Mirrors `torch.nn.HuberLoss(reduction='mean', delta=1.0)`.
 *
 * @example
 * ```ts
 * const criterion = new HuberLoss({ delta: 2 });
 * criterion(outputs, targets).backward();
 * ```
 */
export class HuberLoss extends Loss {
  /** Where the loss turns from quadratic to linear. */
  readonly delta: number;

  constructor(options: HuberLossOptions = {}) {
    super(resolveReduction('HuberLoss', options));
    this.delta = options.delta ?? 1;
    if (!(this.delta > 0)) fail('HuberLoss', `delta must be positive, got ${this.delta}`);
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return huber('HuberLoss', input, target, this.reduction, this.delta);
  }
}
