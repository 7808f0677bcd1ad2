import type { Tensor } from '@nabla/tensor';
import { Module } from '../module.js';
import { callAs, optionsOf } from './common.js';

/** Options of {@link ReLU}. */
export interface InplaceOptions {
  /**
   * Accepted for PyTorch's signature (`nn.ReLU(inplace=True)`) and printed, but the result is
   * computed out of place: the values are PyTorch's, and the input tensor is left unchanged.
   */
  inplace?: boolean;
}

/**
 * `max(0, x)` elementwise. Mirrors `nn.ReLU(inplace=False)`; see {@link InplaceOptions}.
 *
 * @example
 * ```ts
 * const relu = new ReLU({ inplace: true }); // or new ReLU(true)
 * relu(tensor([-1, 2])).tolist();           // [0, 2]
 * String(relu);                             // 'ReLU(inplace=True)'
 * ```
 */
export class ReLU extends Module {
  readonly inplace: boolean;

  constructor(options?: InplaceOptions | boolean) {
    super();
    this.inplace = optionsOf<InplaceOptions, 'inplace'>(options, 'inplace').inplace ?? false;
  }

  forward(x: Tensor): Tensor {
    return callAs(this, () => x.relu());
  }

  override extraRepr(): string {
    return this.inplace ? 'inplace=True' : '';
  }
}
