import { leakyRelu, type Tensor } from '@nabla/tensor';
import { pyFloat } from '../format.js';
import { Module } from '../module.js';
import { callAs, optionsOf } from './common.js';
import type { InplaceOptions } from './relu.js';

/** Options of {@link LeakyReLU}. */
export interface LeakyReLUOptions extends InplaceOptions {
  /** The slope for negative inputs (default 0.01). */
  negativeSlope?: number;
}

/**
 * `x` for positive inputs, `negativeSlope · x` otherwise.
 * Mirrors `nn.LeakyReLU(negative_slope=0.01, inplace=False)`.
 *
 * @example
 * ```ts
 * new LeakyReLU(0.2)(tensor([-1, 2], { dtype: 'float32' })).tolist(); // [-0.2, 2]
 * ```
 */
export class LeakyReLU extends Module {
  readonly negativeSlope: number;
  readonly inplace: boolean;

  constructor(options?: LeakyReLUOptions | number) {
    super();
    const o = optionsOf<LeakyReLUOptions, 'negativeSlope'>(options, 'negativeSlope');
    this.negativeSlope = o.negativeSlope ?? 0.01;
    this.inplace = o.inplace ?? false;
  }

  forward(x: Tensor): Tensor {
    return callAs(this, () => leakyRelu(x, this.negativeSlope));
  }

  override extraRepr(): string {
    return `negative_slope=${pyFloat(this.negativeSlope)}${this.inplace ? ', inplace=True' : ''}`;
  }
}
