import { NablaError, type Tensor } from '@nabla/tensor';
import { BatchNorm } from './batch-norm.js';

/**
 * Batch normalisation over `[N, C]` or `[N, C, L]` input, per channel C.
 * Mirrors `nn.BatchNorm1d(num_features, eps=1e-05, momentum=0.1, affine=True,
 * track_running_stats=True)`.
 *
 * @example
 * ```ts
 * manualSeed(123);
 * const inputs = randn(1, 1, 10);
 * const bn = new BatchNorm1d(1);
 * bn(inputs);          // [[[0.4081, 0.8844, -0.1224, ...]]]  (the batch's statistics)
 * bn.runningMean;      // tensor([-0.0310])
 * bn.runningVar;       // tensor([0.9263])
 * ```
 */
export class BatchNorm1d extends BatchNorm {
  protected checkInputDim(x: Tensor): void {
    if (x.ndim !== 2 && x.ndim !== 3) {
      throw new NablaError(`expected 2D or 3D input (got ${x.ndim}D input)`);
    }
  }
}
