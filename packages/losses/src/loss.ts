import { Callable, type Tensor } from '@nabla/tensor';
import { legacyReduction, parseReduction, type Reduction } from './reduction.js';

/**
 * The options every loss takes: `reduction` (default `'mean'`), or the deprecated
 * `sizeAverage` / `reduce` flags of old PyTorch code, which win when either is given and warn,
 * as in PyTorch.
 */
export interface LossOptions {
  /** `'none'` keeps the per-element losses, `'mean'` (the default) averages them, `'sum'` adds them. */
  reduction?: Reduction;
  /** @deprecated Use `reduction`. `false` means `'sum'`. */
  sizeAverage?: boolean;
  /** @deprecated Use `reduction`. `false` means `'none'`. */
  reduce?: boolean;
}

/**
 * The reduction that `options` ask for, checked: PyTorch's
 * `_Reduction.legacy_get_string(size_average, reduce)` when a legacy flag is given, else
 * `reduction` (default `'mean'`).
 */
export function resolveReduction(op: string, options: LossOptions): Reduction {
  if (options.sizeAverage !== undefined || options.reduce !== undefined) {
    return legacyReduction(options.sizeAverage, options.reduce);
  }
  return parseReduction(options.reduction ?? 'mean', op);
}

/** Applies a reduction to per-element losses: `'none'` keeps them. */
export function reduce(loss: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'mean') return loss.mean();
  if (reduction === 'sum') return loss.sum();
  return loss;
}

/**
 * The base of the loss classes, PyTorch's `nn.modules.loss._Loss`: a callable object, so that
 * `criterion(outputs, labels)` runs `criterion.forward(outputs, labels)`, with the reduction as a
 * readonly field. Prints as PyTorch prints a loss: `MSELoss()`.
 *
 * @example
 * ```ts
 * const criterion = new CrossEntropyLoss();
 * const loss = criterion(outputs, labels); // a 0-d tensor
 * String(criterion); // 'CrossEntropyLoss()'
 * ```
 */
export abstract class Loss<R extends string = Reduction> extends Callable<
  [Tensor, Tensor],
  Tensor
> {
  /** How the per-element losses are combined. */
  readonly reduction: R;

  /** @param reduction - checked, e.g. by {@link resolveReduction}. */
  constructor(reduction: R) {
    super();
    this.reduction = reduction;
  }

  /** The loss of `input` (the model's outputs) against `target` (the labels). */
  abstract override forward(input: Tensor, target: Tensor): Tensor;

  /** PyTorch's printout of a loss module: the class name and `()`, as `MSELoss()`. */
  override toString(): string {
    return `${this.constructor.name}()`;
  }

  /** `console.log(criterion)` in Node prints what `print(criterion)` prints in PyTorch. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
