import { isFloating } from '@nabla/backend';
import { type Tensor, where } from '@nabla/tensor';
import { fail } from './checks.js';
import { Loss, type LossOptions } from './loss.js';
import { legacyReduction, parseReduction, REDUCTIONS, type Reduction } from './reduction.js';
import { warnOnce } from './warn.js';

/** The reductions of the KL divergence: those of every loss, and 'batchmean'. */
export type KLDivReduction = Reduction | 'batchmean';

/** Options of {@link klDiv} and {@link KLDivLoss}. */
export interface KLDivLossOptions extends Omit<LossOptions, 'reduction'> {
  /**
   * 'batchmean' divides the sum by the batch size (the KL divergence per sample, what is usually
   * meant); 'mean' (the default, as in PyTorch 1.13) divides by the number of elements, and warns.
   */
  reduction?: KLDivReduction;
  /** Whether the target holds log-probabilities too (default false: probabilities). */
  logTarget?: boolean;
}

function resolveKLReduction(op: string, options: KLDivLossOptions): KLDivReduction {
  if (options.sizeAverage !== undefined || options.reduce !== undefined) {
    return legacyReduction(options.sizeAverage, options.reduce);
  }
  const value = options.reduction ?? 'mean';
  if (value === 'batchmean') return value;
  if (!REDUCTIONS.some((r) => r === value)) {
    fail(op, `reduction must be 'none', 'batchmean', 'mean' or 'sum', got '${String(value)}'`);
  }
  return parseReduction(value, op);
}

function kl(
  op: string,
  input: Tensor,
  target: Tensor,
  reduction: KLDivReduction,
  logTarget: boolean,
): Tensor {
  if (!isFloating(input.dtype) || !isFloating(target.dtype)) {
    fail(op, `expected float32 input and target, got ${input.dtype} and ${target.dtype}`);
  }
  let loss: Tensor;
  if (logTarget) loss = target.exp().mul(target.sub(input));
  else {
    // xlogy(y, y) - y x: 0 where y = 0 (log(1) keeps the gradient finite there); nan where y < 0
    const ylogy = target.mul(where(target.eq(0), 1, target).log());
    loss = ylogy.sub(target.mul(input));
  }
  if (reduction === 'none') return loss;
  if (reduction === 'sum') return loss.sum();
  if (reduction === 'batchmean')
    return input.ndim === 0 ? loss.sum() : loss.sum().div(input.shape[0] as number);
  warnOnce(
    `${op}: reduction 'mean' divides the total loss by both the batch size and the support size. ` +
      "'batchmean' divides only by the batch size, and aligns with the KL div math definition. " +
      "'mean' will be changed to behave the same as 'batchmean' in the next major release.",
  );
  return loss.mean();
}

/**
 * The Kullback-Leibler divergence of `target` from the distribution whose log-probabilities are
 * `input`: `y (log y - x)` per element (`exp(y) (y - x)` with `logTarget`).
 *
 * Mirrors `torch.nn.functional.kl_div(input, target, reduction='mean', log_target=False)`.
 *
 * @example
 * ```ts
 * const logq = logSoftmax(tensor([[0.2, 1.0, -0.5]]), 1);
 * const p = tensor([[0.3, 0.5, 0.2]]);
 * klDiv(logq, p, { reduction: 'batchmean' }).item(); // 0.0246
 * ```
 */
export function klDiv(input: Tensor, target: Tensor, options: KLDivLossOptions = {}): Tensor {
  const reduction = resolveKLReduction('klDiv', options);
  return kl('klDiv', input, target, reduction, options.logTarget ?? false);
}

/**
 * The Kullback-Leibler divergence as a module.
 *
 * Mirrors `torch.nn.KLDivLoss(reduction='mean', log_target=False)`.
 *
 * @example
 * ```ts
 * const criterion = new KLDivLoss({ reduction: 'batchmean' });
 * criterion(logSoftmax(outputs, 1), targetProbabilities).backward();
 * ```
 */
export class KLDivLoss extends Loss<KLDivReduction> {
  /** Whether the target holds log-probabilities. */
  readonly logTarget: boolean;

  constructor(options: KLDivLossOptions = {}) {
    super(resolveKLReduction('KLDivLoss', options));
    this.logTarget = options.logTarget ?? false;
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return kl('KLDivLoss', input, target, this.reduction, this.logTarget);
  }
}
