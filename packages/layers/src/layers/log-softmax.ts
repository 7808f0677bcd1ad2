import type { Tensor } from '@nabla/tensor';
import { Module } from '../module.js';
import { callAs, optionsOf } from './common.js';
import { implicitDim, type SoftmaxOptions } from './softmax.js';

/**
 * `log(softmax(x))` along `dim`, computed stably. Mirrors `nn.LogSoftmax(dim=None)`.
 *
 * @example
 * ```ts
 * new LogSoftmax({ dim: 1 })(logits).exp().sum(1); // ones
 * ```
 */
export class LogSoftmax extends Module {
  readonly dim: number | null;

  constructor(options?: SoftmaxOptions | number | null) {
    super();
    this.dim = optionsOf<SoftmaxOptions, 'dim'>(options ?? undefined, 'dim').dim ?? null;
  }

  forward(x: Tensor): Tensor {
    return callAs(this, () => x.logSoftmax(this.dim ?? implicitDim(x.ndim)));
  }

  override extraRepr(): string {
    return `dim=${this.dim ?? 'None'}`;
  }
}
