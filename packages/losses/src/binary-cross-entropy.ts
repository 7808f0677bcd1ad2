import { type Tensor, valuesToCheck } from '@nabla/tensor';
import { checkBroadcastTo, checkFloat, checkSameSize, fail, fmt } from './checks.js';
import { named, withGrad } from './graph.js';
import { Loss, type LossOptions, reduce, resolveReduction } from './loss.js';
import type { Reduction } from './reduction.js';

/** Options of {@link binaryCrossEntropy} and {@link BCELoss}. */
export interface BCELossOptions extends LossOptions {
  /** A rescaling weight of each element's loss, broadcast to the input's shape. */
  weight?: Tensor | null;
}

/** Fails on an element outside [0, 1] (or NaN), as PyTorch's kernel does. */
function checkProbabilities(op: string, input: Tensor): void {
  const bad = valuesToCheck(input)?.find((v) => !(v >= 0 && v <= 1));
  if (bad !== undefined) {
    fail(
      op,
      `all elements of input should be between 0 and 1, found ${bad} (input of shape ${fmt(input.shape)}); ` +
        'apply sigmoid() to the outputs, or use BCEWithLogitsLoss on them',
    );
  }
}

function bce(
  op: string,
  input: Tensor,
  target: Tensor,
  reduction: Reduction,
  weight: Tensor | null,
): Tensor {
  checkFloat(op, 'input', input);
  checkFloat(op, 'target', target, '; convert labels with .float()');
  checkSameSize(op, input, target);
  if (weight) checkBroadcastTo(op, 'weight', weight, input.shape);
  checkProbabilities(op, input);
  return named(input, 'BinaryCrossEntropyBackward0', () => {
    const x = input.detach();
    // PyTorch's forward: (y - 1) max(log(1 - x), -100) - y max(log(x), -100)
    const value = target
      .sub(1)
      .mul(x.neg().log1p().clamp(-100))
      .sub(target.mul(x.log().clamp(-100)));
    // PyTorch's backward is (x - y) / max(x (1 - x), 1e-12), not the slope of the clamped logs
    // (0 or infinite at x = 0 and x = 1)
    const slope = x.sub(target).div(x.mul(x.neg().add(1)).clamp(1e-12));
    const loss = withGrad(input, value, slope);
    return reduce(weight ? loss.mul(weight) : loss, reduction);
  });
}

/**
 * The binary cross entropy between probabilities `input` (in [0, 1], e.g. after a sigmoid) and
 * targets `target` (same shape): `-w (y log x + (1 - y) log(1 - x))`, with each log clamped at
 * -100 as PyTorch does, so that `x = 0` or `1` gives a loss of 100, never infinity.
 *
 * Mirrors `torch.nn.functional.binary_cross_entropy(input, target, weight=None, reduction='mean')`.
 *
 * @throws NablaError when the sizes differ, an input element is outside [0, 1], or a dtype is
 *   not float32.
 * @example
 * ```ts
 * const p = tensor([0.9, 0.2]); // float32: the values have fractions
 * binaryCrossEntropy(p, tensor([1, 0], { dtype: 'float32' })).item(); // 0.1643
 * ```
 */
export function binaryCrossEntropy(
  input: Tensor,
  target: Tensor,
  options: BCELossOptions = {},
): Tensor {
  const reduction = resolveReduction('binaryCrossEntropy', options);
  return bce('binaryCrossEntropy', input, target, reduction, options.weight ?? null);
}

/**
 * The binary cross entropy as a module, for a model that ends in a sigmoid (the course's
 * chapter 6).
 *
 * Mirrors `torch.nn.BCELoss(weight=None, reduction='mean')`.
 *
 * @example
 * ```ts
 * const criterion = new BCELoss();
 * const loss = criterion(net(inputs), labels.view(-1, 1)); // outputs in [0, 1], float labels
 * ```
 */
export class BCELoss extends Loss {
  /** The rescaling weight of each element, or null. */
  readonly weight: Tensor | null;

  constructor(options: BCELossOptions = {}) {
    super(resolveReduction('BCELoss', options));
    this.weight = options.weight ?? null;
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return bce('BCELoss', input, target, this.reduction, this.weight);
  }
}
