import { NablaError, type Tensor } from '@nabla/tensor';
import { BatchNorm } from './batch-norm.js';

/**
 * Batch normalisation over `[N, C, H, W]` input, per channel C.
 * Mirrors `nn.BatchNorm2d(num_features, eps=1e-05, momentum=0.1, affine=True,
 * track_running_stats=True)`.
 *
 * @example
 * ```ts
 * const bn1 = new BatchNorm2d(32);
 * bn1(randn(100, 32, 30, 30)).shape; // [100, 32, 30, 30]
 * String(bn1);
 * // 'BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)'
 * ```
 */
export class BatchNorm2d extends BatchNorm {
  protected checkInputDim(x: Tensor): void {
    if (x.ndim !== 4) throw new NablaError(`expected 4D input (got ${x.ndim}D input)`);
  }
}
