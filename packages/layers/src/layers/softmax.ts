import type { Tensor } from '@nabla/tensor';
import { Module } from '../module.js';
import { callAs, optionsOf } from './common.js';

/** Options of {@link Softmax} and {@link LogSoftmax}. */
export interface SoftmaxOptions {
  /** The dimension that sums to 1; null picks PyTorch's legacy default (0 for 0-, 1- and 3-D). */
  dim?: number | null;
}

/** PyTorch's `_get_softmax_dim` for `dim=None`: 0 for 0-, 1- and 3-D input, else 1. */
export function implicitDim(ndim: number): number {
  return ndim === 0 || ndim === 1 || ndim === 3 ? 0 : 1;
}

/**
 * `exp(x) / sum(exp(x))` along `dim`. Mirrors `nn.Softmax(dim=None)`.
 *
 * @example
 * ```ts
 * const softmax = new Softmax({ dim: 1 }); // or new Softmax(1)
 * softmax(logits).sum(1);                  // ones
 * String(softmax);                         // 'Softmax(dim=1)'
 * ```
 */
export class Softmax extends Module {
  readonly dim: number | null;

  constructor(options?: SoftmaxOptions | number | null) {
    super();
    this.dim = optionsOf<SoftmaxOptions, 'dim'>(options ?? undefined, 'dim').dim ?? null;
  }

  forward(x: Tensor): Tensor {
    return callAs(this, () => x.softmax(this.dim ?? implicitDim(x.ndim)));
  }

  override extraRepr(): string {
    return `dim=${this.dim ?? 'None'}`;
  }
}
