import { gelu, type Tensor } from '@nabla/tensor';
import { pyStr } from '../format.js';
import { Module } from '../module.js';
import { badArgument, callAs, optionsOf } from './common.js';

/** Options of {@link GELU}. */
export interface GELUOptions {
  /** `'none'` (default): the exact form with erf; `'tanh'`: the tanh approximation. */
  approximate?: 'none' | 'tanh';
}

/**
 * The Gaussian error linear unit, `x · Φ(x)`. Mirrors `nn.GELU(approximate='none')`.
 *
 * @example
 * ```ts
 * String(new GELU({ approximate: 'tanh' })); // "GELU(approximate='tanh')"
 * ```
 */
export class GELU extends Module {
  readonly approximate: 'none' | 'tanh';

  constructor(options?: GELUOptions | 'none' | 'tanh') {
    super();
    this.approximate =
      optionsOf<GELUOptions, 'approximate'>(options, 'approximate').approximate ?? 'none';
    if (this.approximate !== 'none' && this.approximate !== 'tanh') {
      badArgument(
        'GELU',
        `approximate argument must be either none or tanh, got ${pyStr(String(this.approximate))}`,
      );
    }
  }

  forward(x: Tensor): Tensor {
    return callAs(this, () => gelu(x, { approximate: this.approximate }));
  }

  override extraRepr(): string {
    return `approximate=${pyStr(this.approximate)}`;
  }
}
