import type { Tensor } from '@nabla/tensor';
import { Module } from '../module.js';
import { callAs } from './common.js';

/**
 * Flattens dimensions `startDim` to `endDim` into one: `[N, C, H, W]` becomes `[N, C·H·W]` by
 * default (the batch dimension stays). Mirrors `nn.Flatten(start_dim=1, end_dim=-1)`.
 *
 * @example
 * ```ts
 * new Flatten()(randn(100, 32, 14, 14)).shape; // [100, 6272]
 * ```
 */
export class Flatten extends Module {
  constructor(
    readonly startDim = 1,
    readonly endDim = -1,
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    return callAs(this, () => x.flatten(this.startDim, this.endDim));
  }

  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}
