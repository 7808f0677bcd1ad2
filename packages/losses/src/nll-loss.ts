import { type Tensor, valuesToCheck, where } from '@nabla/tensor';
import { checkFloat, fail, fmt, sameShape } from './checks.js';
import { named } from './graph.js';
import { Loss, type LossOptions, resolveReduction } from './loss.js';
import type { Reduction } from './reduction.js';

/** Options of {@link nllLoss} and {@link NLLLoss}. */
export interface NLLLossOptions extends LossOptions {
  /** A weight per class, of shape [C]; 'mean' then divides by the weights of the targets. */
  weight?: Tensor | null;
  /** A target value that is skipped: no loss, no gradient, not counted by 'mean' (default -100). */
  ignoreIndex?: number;
}

/** The class dimension of scores of shape [C] (0) or [N, C, d1, ...] (1). */
export const classDim = (input: Tensor): number => (input.ndim === 1 ? 0 : 1);

/** The shape of class indices for `input`: [] for [C], [N, d1, ...] for [N, C, d1, ...]. */
export const indexShape = (input: Tensor): number[] =>
  input.ndim === 1 ? [] : [input.shape[0] as number, ...input.shape.slice(2)];

/** Checks class scores (float32, [C] or [N, C, d1, ...]) and a class weight; returns C. */
export function checkClassInput(op: string, input: Tensor, weight: Tensor | null): number {
  if (input.ndim === 0) {
    fail(op, 'expected an input of shape [C], [N, C] or [N, C, d1, ...], got a 0-d tensor');
  }
  checkFloat(op, 'input', input);
  const c = input.shape[classDim(input)] as number;
  if (weight) {
    checkFloat(op, 'weight', weight);
    if (weight.ndim !== 1 || weight.shape[0] !== c) {
      fail(
        op,
        `weight tensor should be defined either for all ${c} classes or no classes but got weight tensor of shape: ${fmt(weight.shape)}`,
      );
    }
  }
  return c;
}

/**
 * Checks class indices: int32, of {@link indexShape}, each in [0, C) or `ignoreIndex`.
 * `alsoProbabilities` mentions the other target CrossEntropyLoss takes in the message.
 */
export function checkClassTarget(
  op: string,
  input: Tensor,
  target: Tensor,
  ignoreIndex: number,
  alsoProbabilities: boolean,
): void {
  const expected = indexShape(input);
  if (target.dtype !== 'int32' || !sameShape(target.shape, expected)) {
    const also = alsoProbabilities ? ` or ${fmt(input.shape)} (float32 class probabilities)` : '';
    const hint =
      target.dtype === 'float32' && sameShape(target.shape, expected)
        ? '; convert class labels with .long()'
        : '';
    fail(
      op,
      `expected target of shape ${fmt(expected)} (int32 class indices)${also} for input ${fmt(input.shape)}, got ${target.dtype} of shape ${fmt(target.shape)}${hint}`,
    );
  }
  const c = input.shape[classDim(input)] as number;
  for (const v of valuesToCheck(target) ?? []) {
    if (v !== ignoreIndex && (v < 0 || v >= c)) {
      fail(
        op,
        `Target ${v} is out of bounds (class indices must be in [0, ${c - 1}] for input ${fmt(input.shape)}, or ignoreIndex ${ignoreIndex})`,
      );
    }
  }
}

/** Fails unless `ignoreIndex` is an integer. */
export function checkIgnoreIndex(op: string, ignoreIndex: number): void {
  if (!Number.isInteger(ignoreIndex))
    fail(op, `ignoreIndex must be an integer, got ${ignoreIndex}`);
}

/**
 * `-w[t] logp[t]` for each target `t`, reduced; checked input assumed. Targets equal to
 * `ignoreIndex` give 0 and count neither in the sum nor in the divisor of 'mean', which is the
 * sum of the targets' weights (so 'mean' over all-ignored targets is 0 / 0 = nan, as PyTorch).
 * The values are picked with gather, so the gradient is exactly `-w[t] / divisor` there.
 */
export function nllOfLogProbs(
  logp: Tensor,
  target: Tensor,
  weight: Tensor | null,
  ignoreIndex: number,
  reduction: Reduction,
): Tensor {
  const d = classDim(logp);
  const name = logp.ndim > 2 ? 'NllLoss2DBackward0' : 'NllLossBackward0';
  return named(logp, name, () => {
    const keep = target.ne(ignoreIndex);
    const safe = where(keep, target, 0); // ignored targets read class 0, then are masked out
    // logp: [N, C, d1, ...] -> picked: [N, d1, ...], the target's shape
    const picked = logp.gather(d, safe.unsqueeze(d)).squeeze(d);
    const w = weight
      ? where(keep, weight.indexSelect(0, safe.reshape(-1)).reshape(target.shape), 0)
      : null;
    const loss = where(keep, w ? picked.neg().mul(w) : picked.neg(), 0);
    if (reduction === 'none') return loss;
    if (reduction === 'sum') return loss.sum();
    return loss.sum().div(w ? w.sum() : keep.sum());
  });
}

function nll(
  op: string,
  input: Tensor,
  target: Tensor,
  reduction: Reduction,
  weight: Tensor | null,
  ignoreIndex: number,
): Tensor {
  checkIgnoreIndex(op, ignoreIndex);
  checkClassInput(op, input, weight);
  checkClassTarget(op, input, target, ignoreIndex, false);
  return nllOfLogProbs(input, target, weight, ignoreIndex, reduction);
}

/**
 * The negative log likelihood: `-input[n, target[n]]` (times the class weight), averaged over
 * the targets. `input` holds log-probabilities, of shape [N, C], [N, C, d1, ...] or [C];
 * `target` holds int32 class indices of shape [N], [N, d1, ...] or [].
 *
 * Mirrors `torch.nn.functional.nll_loss(input, target, weight=None, ignore_index=-100,
 * reduction='mean')`; PyTorch's int64 class labels are int32 here.
 *
 * @example
 * ```ts
 * const x = tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]], { dtype: 'float32' });
 * nllLoss(x, tensor([0, 1, 2, 0])).item(); // -6.25, the course's chapter 7
 * ```
 */
export function nllLoss(input: Tensor, target: Tensor, options: NLLLossOptions = {}): Tensor {
  const reduction = resolveReduction('nllLoss', options);
  return nll(
    'nllLoss',
    input,
    target,
    reduction,
    options.weight ?? null,
    options.ignoreIndex ?? -100,
  );
}

/**
 * The negative log likelihood as a module, after a `LogSoftmax(dim=1)` layer.
 *
 * Mirrors `torch.nn.NLLLoss(weight=None, ignore_index=-100, reduction='mean')`.
 *
 * @example
 * ```ts
 * const criterion = new NLLLoss();
 * const loss = criterion(logSoftmax(outputs, 1), labels); // = CrossEntropyLoss on outputs
 * ```
 */
export class NLLLoss extends Loss {
  /** The weight of each class, or null. */
  readonly weight: Tensor | null;
  /** The target value that is skipped. */
  readonly ignoreIndex: number;

  constructor(options: NLLLossOptions = {}) {
    super(resolveReduction('NLLLoss', options));
    this.weight = options.weight ?? null;
    this.ignoreIndex = options.ignoreIndex ?? -100;
    checkIgnoreIndex('NLLLoss', this.ignoreIndex);
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return nll('NLLLoss', input, target, this.reduction, this.weight, this.ignoreIndex);
  }
}
