import type { AnyBackend } from '@nabla/backend';
import { sameDevice, viewOf, wrapLike } from '../core.js';
import { fail, fmt } from '../errors.js';
import { named, noGrad } from '../grad-mode.js';
import type { Tensor } from '../tensor.js';
import { checkFloat } from './args.js';

/** Options of {@link batchNorm}, PyTorch's keyword arguments. */
export interface BatchNormOptions {
  /** Normalise with the batch's statistics and update the running ones (default false). */
  training?: boolean;
  /** The weight of the new batch in the running statistics (default 0.1). */
  momentum?: number;
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
}

/**
 * `torch.nn.functional.batch_norm(input, running_mean, running_var, weight=None, bias=None,
 * training=False, momentum=0.1, eps=1e-5)`: normalises each channel (dimension 1) of
 * `[N, C, ...]`, then scales by `weight` and shifts by `bias` (each `[C]`, optional).
 *
 * - training: `(x - mean) / sqrt(var + eps)` with the batch's mean and biased variance over
 *   every dimension but 1; the running statistics, when given, are updated in place (outside
 *   the graph): `running = (1 - momentum) * running + momentum * batch`, with the UNBIASED
 *   variance for `runningVar`, as PyTorch does;
 * - evaluation: `(x - runningMean) / sqrt(runningVar + eps)`.
 *
 * Runs the backend's fused batch norm when it has one (statistics, normalisation and gradient
 * each one pass per channel); otherwise composed of primitives (mean, var, sub, rsqrt, mul,
 * add). Either way its gradient node is `NativeBatchNormBackward0`.
 *
 * @example
 * const runningMean = torch.zeros(1);
 * const runningVar = torch.ones(1);
 * batchNorm(x, runningMean, runningVar, null, null, { training: true }); // updates both
 */
export function batchNorm(
  input: Tensor,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  weight?: Tensor | null,
  bias?: Tensor | null,
  options: BatchNormOptions = {},
): Tensor {
  const { training = false, momentum = 0.1, eps = 1e-5 } = options;
  if (input.ndim < 2) {
    fail(
      'batchNorm',
      `expected input of at least 2 dimensions [N, C, ...], got shape ${fmt(input.shape)}`,
    );
  }
  const c = input.shape[1] as number;
  const params = { runningMean, runningVar, weight, bias };
  checkFloat('batchNorm', { input, ...params });
  for (const [name, t] of Object.entries(params)) {
    if (t != null && t.numel() !== c) {
      fail(
        'batchNorm',
        `${name} should contain ${c} elements not ${t.numel()} (input of shape ${fmt(input.shape)})`,
      );
    }
  }
  const n = input.numel() / c;
  if (training && n <= 1) {
    fail(
      'batchNorm',
      `Expected more than 1 value per channel when training, got input size ${fmt(input.shape)}`,
    );
  }
  if (!training && (runningMean == null || runningVar == null)) {
    fail(
      'batchNorm',
      `${runningMean == null ? 'runningMean' : 'runningVar'} must be defined in evaluation mode`,
    );
  }
  const given = [input, ...Object.values(params)].filter((t): t is Tensor => t != null);
  sameDevice('batchNorm', given);
  const { batchNormStats: stats, batchNorm: kernel, batchNormBackward } = input.backend;
  const args = [
    input,
    runningMean,
    runningVar,
    weight ?? null,
    bias ?? null,
    training,
    eps,
  ] as const;
  // empty tensors take the composite path: fused kernels may assume at least one element
  const [out, mean, variance] =
    input.numel() > 0 && stats && kernel && batchNormBackward
      ? fused({ stats: stats.bind(input.backend), kernel: kernel.bind(input.backend) }, ...args)
      : composite(...args);
  if (training) {
    noGrad(() => {
      if (runningMean != null) {
        const batch = mean.reshape(runningMean.shape).mul(momentum);
        runningMean.copy_(runningMean.mul(1 - momentum).add(batch));
      }
      if (runningVar != null) {
        // the running variance takes the unbiased estimate: n / (n - 1) times the batch's
        const batch = variance
          .mul(n / (n - 1))
          .reshape(runningVar.shape)
          .mul(momentum);
        runningVar.copy_(runningVar.mul(1 - momentum).add(batch));
      }
    });
  }
  return out;
}

/** The normalised input, and the statistics it used (the batch's in training). */
type Normalised = readonly [out: Tensor, mean: Tensor, variance: Tensor];

/** The backend's fused statistics and normalisation, bound to it. */
interface FusedKernels {
  stats: NonNullable<AnyBackend['batchNormStats']>;
  kernel: NonNullable<AnyBackend['batchNorm']>;
}

/**
 * The backend's fused kernels: the batch statistics (or the running ones), `invstd` from them
 * outside the graph, then one normalisation whose node differentiates through the statistics
 * in training. The statistics are `[C]`.
 */
function fused(
  { stats, kernel }: FusedKernels,
  input: Tensor,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  weight: Tensor | null,
  bias: Tensor | null,
  training: boolean,
  eps: number,
): Normalised {
  const c = input.shape[1] as number;
  const [mean, variance, invstd] = noGrad((): [Tensor, Tensor, Tensor] => {
    let m = runningMean as Tensor;
    let v = runningVar as Tensor;
    if (training) {
      const [mb, vb] = stats(viewOf(input));
      [m, v] = [wrapLike(input, mb, [c]), wrapLike(input, vb, [c])];
    }
    [m, v] = [m.reshape([c]), v.reshape([c])];
    return [m, v, v.add(eps).rsqrt()];
  });
  const perChannel = (t: Tensor | null) => (t === null ? null : viewOf(t.reshape([c])));
  const y = kernel(
    viewOf(input),
    viewOf(mean),
    viewOf(invstd),
    perChannel(weight),
    perChannel(bias),
    training,
  );
  return [wrapLike(input, y, input.shape), mean, variance];
}

/** Batch norm composed of primitives; the statistics are `[1, C, 1, ...]`. */
function composite(
  input: Tensor,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  weight: Tensor | null,
  bias: Tensor | null,
  training: boolean,
  eps: number,
): Normalised {
  const c = input.shape[1] as number;
  // [C] -> [1, C, 1, ...], to broadcast over the other dimensions
  const perChannel = (t: Tensor): Tensor => t.reshape([1, c, ...input.shape.slice(2).map(() => 1)]);
  const dims = input.shape.map((_, i) => i).filter((i) => i !== 1);
  return named(input, 'NativeBatchNormBackward0', () => {
    // x: [N, C, ...]; the statistics: [1, C, 1, ...]
    const [m, v] = training
      ? [input.mean(dims, true), input.var(dims, { unbiased: false, keepdim: true })]
      : [perChannel(runningMean as Tensor), perChannel(runningVar as Tensor)];
    let y = input.sub(m).mul(v.add(eps).rsqrt());
    if (weight != null) y = y.mul(perChannel(weight));
    if (bias != null) y = y.add(perChannel(bias));
    return [y, m, v] as const;
  });
}
