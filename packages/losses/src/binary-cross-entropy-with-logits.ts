import { maximum, type Tensor } from '@nabla/tensor';
import type { BCELossOptions } from './binary-cross-entropy.js';
import { checkBroadcastTo, checkFloat, checkSameSize } from './checks.js';
import { named } from './graph.js';
import { Loss, reduce, resolveReduction } from './loss.js';
import type { Reduction } from './reduction.js';

/** Options of {@link binaryCrossEntropyWithLogits} and {@link BCEWithLogitsLoss}. */
export interface BCEWithLogitsLossOptions extends BCELossOptions {
  /** The weight of positive examples, per class (broadcast along the last dimension). */
  posWeight?: Tensor | null;
}

function bceWithLogits(
  op: string,
  input: Tensor,
  target: Tensor,
  reduction: Reduction,
  weight: Tensor | null,
  posWeight: Tensor | null,
): Tensor {
  checkFloat(op, 'input', input);
  checkFloat(op, 'target', target, '; convert labels with .float()');
  checkSameSize(op, input, target);
  if (weight) checkBroadcastTo(op, 'weight', weight, input.shape);
  if (posWeight) checkBroadcastTo(op, 'posWeight', posWeight, input.shape);
  return named(input, 'BinaryCrossEntropyWithLogitsBackward0', () => {
    // log(1 + exp(-|x|)) never overflows. NOTE: max(x, 0) is maximum(), not clamp() or relu():
    // maximum splits the gradient of a tie in half, so the slope at x = 0 is 0.5 - y, which is
    // PyTorch's sigmoid(0) - y; with relu it would be -y
    const softplus = input.abs().neg().exp().log1p();
    let loss: Tensor;
    if (posWeight) {
      // (1 - y) x + (1 + (p - 1) y) (log(1 + exp(-|x|)) + max(-x, 0))
      const logWeight = posWeight.sub(1).mul(target).add(1);
      const positive = logWeight.mul(softplus.add(maximum(input.neg(), 0)));
      loss = target.neg().add(1).mul(input).add(positive);
    } else {
      // max(x, 0) - x y + log(1 + exp(-|x|))
      loss = maximum(input, 0).sub(input.mul(target)).add(softplus);
    }
    return reduce(weight ? loss.mul(weight) : loss, reduction);
  });
}

/**
 * The binary cross entropy of logits: a sigmoid and {@link binaryCrossEntropy} in one, computed
 * in the stable form `max(x, 0) - x y + log(1 + exp(-|x|))`, exact for any logit (±100 too).
 * `posWeight` weighs the positive term: `p y log sigmoid(x) + (1 - y) log(1 - sigmoid(x))`.
 *
 * Mirrors `torch.nn.functional.binary_cross_entropy_with_logits(input, target, weight=None,
 * reduction='mean', pos_weight=None)`.
 *
 * @example
 * ```ts
 * const logits = tensor([2.2, -1.4]);
 * binaryCrossEntropyWithLogits(logits, tensor([1, 0], { dtype: 'float32' })).item(); // 0.1628
 * ```
 */
export function binaryCrossEntropyWithLogits(
  input: Tensor,
  target: Tensor,
  options: BCEWithLogitsLossOptions = {},
): Tensor {
  const op = 'binaryCrossEntropyWithLogits';
  const reduction = resolveReduction(op, options);
  return bceWithLogits(
    op,
    input,
    target,
    reduction,
    options.weight ?? null,
    options.posWeight ?? null,
  );
}

/**
 * The binary cross entropy of logits as a module, for a model without the final sigmoid (the
 * course's chapter 6 column); predict with `outputs > 0`.
 *
 * Mirrors `torch.nn.BCEWithLogitsLoss(weight=None, reduction='mean', pos_weight=None)`.
 *
 * @example
 * ```ts
 * const criterion = new BCEWithLogitsLoss({ posWeight: tensor([3], { dtype: 'float32' }) });
 * criterion(logits, labels).backward();
 * ```
 */
export class BCEWithLogitsLoss extends Loss {
  /** The rescaling weight of each element, or null. */
  readonly weight: Tensor | null;
  /** The weight of positive examples, per class, or null. */
  readonly posWeight: Tensor | null;

  constructor(options: BCEWithLogitsLossOptions = {}) {
    super(resolveReduction('BCEWithLogitsLoss', options));
    this.weight = options.weight ?? null;
    this.posWeight = options.posWeight ?? null;
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return bceWithLogits(
      'BCEWithLogitsLoss',
      input,
      target,
      this.reduction,
      this.weight,
      this.posWeight,
    );
  }
}
