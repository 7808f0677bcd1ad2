import type { Tensor } from '@nabla/tensor';
import { regressionPair } from './checks.js';
import { named } from './graph.js';
import { Loss, type LossOptions, reduce, resolveReduction } from './loss.js';
import type { Reduction } from './reduction.js';

function mse(op: string, input: Tensor, target: Tensor, reduction: Reduction): Tensor {
  const [x, y] = regressionPair(op, input, target);
  return named(x, 'MseLossBackward0', () => {
    const d = x.sub(y);
    return reduce(d.mul(d), reduction);
  });
}

/**
 * The mean squared error `(input - target)^2`, averaged (or summed, or kept per element).
 * A target of another size is broadcast with a warning, as in PyTorch.
 *
 * Mirrors `torch.nn.functional.mse_loss(input, target, reduction='mean')`.
 *
 * @example
 * ```ts
 * mseLoss(tensor([1, 2, 3], { dtype: 'float32' }), tensor([1, 2, 5], { dtype: 'float32' })).item();
 * // 1.3333 (= 4 / 3)
 * ```
 */
export function mseLoss(input: Tensor, target: Tensor, options: LossOptions = {}): Tensor {
  return mse('mseLoss', input, target, resolveReduction('mseLoss', options));
}

/**
 * The mean squared error as a module: `criterion(outputs, labels)`.
 *
 * Mirrors `torch.nn.MSELoss(reduction='mean')`.
 *
 * @example
 * ```ts
 * const criterion = new MSELoss();
 * const loss = criterion(net(inputs), labels.view(-1, 1));
 * loss.backward();
 * ```
 */
export class MSELoss extends Loss {
  constructor(options: LossOptions = {}) {
    super(resolveReduction('MSELoss', options));
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return mse('MSELoss', input, target, this.reduction);
  }
}
