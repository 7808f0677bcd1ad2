import type { Tensor } from '@nabla/tensor';
import { pyValue } from '../format.js';
import { Module } from '../module.js';
import { callAs } from './common.js';

/**
 * Splits dimension `dim` into `unflattenedSize` (one entry may be -1): the inverse of
 * `Flatten`. Mirrors `nn.Unflatten(dim, unflattened_size)`.
 *
 * @example
 * ```ts
 * new Unflatten(1, [32, 14, 14])(randn(100, 6272)).shape; // [100, 32, 14, 14]
 * ```
 */
export class Unflatten extends Module {
  constructor(
    readonly dim: number,
    readonly unflattenedSize: readonly number[],
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    return callAs(this, () => x.unflatten(this.dim, this.unflattenedSize));
  }

  override extraRepr(): string {
    return `dim=${this.dim}, unflattened_size=${pyValue(this.unflattenedSize)}`;
  }
}
