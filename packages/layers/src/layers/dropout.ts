import { dropout, type Tensor } from '@nabla/tensor';
import { pyBool, pyFloat } from '../format.js';
import { Module } from '../module.js';
import { badArgument, callAs } from './common.js';

/** Options of {@link Dropout}. */
export interface DropoutOptions {
  /** Accepted for PyTorch's signature; the output is always a new tensor (see the class note). */
  inplace?: boolean;
}

/**
 * In training mode, zeroes each element with probability `p` and scales the rest by
 * `1 / (1 - p)` (inverted dropout), drawing from PyTorch's generator; in evaluation mode, passes
 * the input through. `inplace` is accepted and printed, but the result is computed out of place:
 * the values are PyTorch's, and the input tensor is left unchanged.
 *
 * Mirrors `nn.Dropout(p=0.5, inplace=False)`.
 *
 * @example
 * ```ts
 * manualSeed(123);
 * const inputs = randn(1, 10);
 * const dropout = new Dropout(0.5);
 * dropout(inputs); // [[-0.0000, 0.2407, -0.0000, -0.4808, -0.0000, 0.0000, -1.9447, ...]]
 * dropout.eval();
 * dropout(inputs); // inputs
 * ```
 */
export class Dropout extends Module {
  readonly p: number;
  readonly inplace: boolean;

  constructor(p = 0.5, options: DropoutOptions | boolean = {}) {
    super();
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
      badArgument('Dropout', `dropout probability has to be between 0 and 1, but got ${p}`);
    }
    this.p = p;
    this.inplace = typeof options === 'boolean' ? options : (options.inplace ?? false);
  }

  forward(x: Tensor): Tensor {
    return callAs(this, () => dropout(x, this.p, this.training));
  }

  override extraRepr(): string {
    return `p=${pyFloat(this.p)}, inplace=${pyBool(this.inplace)}`;
  }
}
