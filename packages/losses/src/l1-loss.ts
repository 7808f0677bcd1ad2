import type { Tensor } from '@nabla/tensor';
import { regressionPair } from './checks.js';
import { Loss, type LossOptions, reduce, resolveReduction } from './loss.js';
import type { Reduction } from './reduction.js';

// PyTorch 1.13 writes l1_loss as (input - target).abs() and a reduction, so its graph shows
// AbsBackward0 / MeanBackward0: the same ops here give the same graph, and the gradient sign(d)
// is 0 where input equals target.
function l1(op: string, input: Tensor, target: Tensor, reduction: Reduction): Tensor {
  const [x, y] = regressionPair(op, input, target);
  return reduce(x.sub(y).abs(), reduction);
}

/**
 * The mean absolute error `|input - target|`, averaged (or summed, or kept per element).
 * A target of another size is broadcast with a warning, as in PyTorch.
 *
 * Mirrors `torch.nn.functional.l1_loss(input, target, reduction='mean')`.
 *
 * @example
 * ```ts
 * l1Loss(tensor([1, 2, 3], { dtype: 'float32' }), tensor([1, 0, 5], { dtype: 'float32' })).item();
 * // 1.3333 (= 4 / 3)
 * ```
 */
export function l1Loss(input: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  return l1('l1Loss', input, target, resolveReduction('l1Loss', options));
}

/**
 * The mean absolute error as a module.
 *
 * Mirrors `torch.nn.L1Loss(reduction='mean')`.
 *
 * @example
 * ```ts
 * const criterion = new L1Loss({ reduction: 'sum' });
 * criterion(outputs, targets).backward();
 * ```
 */
export class L1Loss extends Loss {
  constructor(options: LossOptions = {}) {
    super(resolveReduction('L1Loss', options));
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return l1('L1Loss', input, target, this.reduction);
  }
}
