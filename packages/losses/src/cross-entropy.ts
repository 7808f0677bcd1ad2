import { isFloating } from '@nabla/backend';
import { type Tensor, where } from '@nabla/tensor';
import { fail, fmt, sameShape } from './checks.js';
import { Loss, resolveReduction } from './loss.js';
import {
  checkClassInput,
  checkClassTarget,
  checkIgnoreIndex,
  classDim,
  type NLLLossOptions,
  nllOfLogProbs,
} from './nll-loss.js';
import type { Reduction } from './reduction.js';

/** Options of {@link crossEntropy} and {@link CrossEntropyLoss}. */
export interface CrossEntropyLossOptions extends NLLLossOptions {
  /** Mixes the targets with the uniform distribution: `(1 - s) y + s / C` (default 0). */
  labelSmoothing?: number;
}

interface Settings {
  reduction: Reduction;
  weight: Tensor | null;
  ignoreIndex: number;
  labelSmoothing: number;
}

function checkSmoothing(op: string, s: number): void {
  if (!(s >= 0 && s <= 1)) fail(op, `labelSmoothing must be between 0.0 and 1.0, got ${s}`);
}

/** The weight reshaped to broadcast along the class dimension: [1, C, 1, ...] (or [C]). */
const alongClasses = (weight: Tensor, input: Tensor): Tensor =>
  weight.reshape(input.shape.map((size, i) => (i === classDim(input) ? size : 1)));

/** Class-probability targets: `-sum_c w_c y_c logp_c`; 'mean' divides by N (times d1 ...). */
function probabilityLoss(logp: Tensor, target: Tensor, s: Settings): Tensor {
  const d = classDim(logp);
  const c = logp.shape[d] as number;
  const y =
    s.labelSmoothing > 0 ? target.mul(1 - s.labelSmoothing).add(s.labelSmoothing / c) : target;
  let terms = logp.mul(y);
  if (s.weight) terms = terms.mul(alongClasses(s.weight, logp));
  if (s.reduction === 'none') return terms.sum(d).neg();
  if (s.reduction === 'sum') return terms.sum().neg();
  return terms
    .sum()
    .neg()
    .div(logp.numel() / c);
}

/** PyTorch's label smoothing of class indices: `(1 - s) nll + s / C * (-sum_c w_c logp_c)`. */
function smoothedIndexLoss(logp: Tensor, target: Tensor, s: Settings): Tensor {
  const d = classDim(logp);
  const c = logp.shape[d] as number;
  const nll = nllOfLogProbs(logp, target, s.weight, s.ignoreIndex, s.reduction);
  const ignored = target.eq(s.ignoreIndex);
  const all = s.weight ? logp.mul(alongClasses(s.weight, logp)) : logp;
  // [N, C, d1, ...] -> [N, d1, ...], 0 where the target is ignored
  const smooth = where(ignored, 0, all.sum(d).neg());
  let ret: Tensor;
  if (s.reduction === 'none') ret = smooth;
  else if (s.reduction === 'sum') ret = smooth.sum();
  else if (s.weight) {
    const safe = where(ignored, 0, target).reshape(-1);
    const w = where(ignored, 0, s.weight.indexSelect(0, safe).reshape(target.shape));
    ret = smooth.sum().div(w.sum());
  } else ret = smooth.sum().div(ignored.logicalNot().sum());
  return nll.mul(1 - s.labelSmoothing).add(ret.mul(s.labelSmoothing / c));
}

function crossEntropyOf(op: string, input: Tensor, target: Tensor, s: Settings): Tensor {
  checkIgnoreIndex(op, s.ignoreIndex);
  checkSmoothing(op, s.labelSmoothing);
  checkClassInput(op, input, s.weight);
  if (sameShape(target.shape, input.shape) && isFloating(target.dtype)) {
    if (s.ignoreIndex >= 0) {
      fail(
        op,
        `ignoreIndex is not supported for class probabilities (a float32 target of shape ${fmt(target.shape)}), got ${s.ignoreIndex}`,
      );
    }
    return probabilityLoss(input.logSoftmax(classDim(input)), target, s);
  }
  checkClassTarget(op, input, target, s.ignoreIndex, true);
  const logp = input.logSoftmax(classDim(input));
  if (s.labelSmoothing > 0) return smoothedIndexLoss(logp, target, s);
  return nllOfLogProbs(logp, target, s.weight, s.ignoreIndex, s.reduction);
}

/**
 * The cross entropy of raw scores (logits) `input` and `target`: `logSoftmax` along the class
 * dimension, then {@link nllLoss}. The target is either int32 class indices (shape [N],
 * [N, d1, ...] or [] for an input [N, C], [N, C, d1, ...] or [C]) or float32 class
 * probabilities of the input's shape. `labelSmoothing` mixes in the uniform distribution.
 *
 * Mirrors `torch.nn.functional.cross_entropy(input, target, weight=None, ignore_index=-100,
 * reduction='mean', label_smoothing=0.0)`; PyTorch's int64 class labels are int32 here.
 *
 * @example
 * ```ts
 * const logits = tensor([[2, 0, -1], [0.5, 1.5, 0]]);
 * crossEntropy(logits, tensor([0, 1])).item(); // 0.3171
 * ```
 */
export function crossEntropy(
  input: Tensor,
  target: Tensor,
  options: CrossEntropyLossOptions = {},
): Tensor {
  return crossEntropyOf('crossEntropy', input, target, {
    reduction: resolveReduction('crossEntropy', options),
    weight: options.weight ?? null,
    ignoreIndex: options.ignoreIndex ?? -100,
    labelSmoothing: options.labelSmoothing ?? 0,
  });
}

/**
 * The cross entropy as a module: the loss of classifiers that output raw scores (the course's
 * chapters 7 to 12).
 *
 * Mirrors `torch.nn.CrossEntropyLoss(weight=None, ignore_index=-100, reduction='mean',
 * label_smoothing=0.0)`.
 *
 * @example
 * ```ts
 * const criterion = new CrossEntropyLoss();
 * const loss = criterion(net(inputs), labels); // labels: int32 class indices
 * loss.backward();
 * ```
 */
export class CrossEntropyLoss extends Loss {
  /** The weight of each class, or null. */
  readonly weight: Tensor | null;
  /** The target value that is skipped. */
  readonly ignoreIndex: number;
  /** How much of the uniform distribution is mixed into the targets. */
  readonly labelSmoothing: number;

  constructor(options: CrossEntropyLossOptions = {}) {
    super(resolveReduction('CrossEntropyLoss', options));
    this.weight = options.weight ?? null;
    this.ignoreIndex = options.ignoreIndex ?? -100;
    this.labelSmoothing = options.labelSmoothing ?? 0;
    checkIgnoreIndex('CrossEntropyLoss', this.ignoreIndex);
    checkSmoothing('CrossEntropyLoss', this.labelSmoothing);
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return crossEntropyOf('CrossEntropyLoss', input, target, {
      reduction: this.reduction,
      weight: this.weight,
      ignoreIndex: this.ignoreIndex,
      labelSmoothing: this.labelSmoothing,
    });
  }
}
