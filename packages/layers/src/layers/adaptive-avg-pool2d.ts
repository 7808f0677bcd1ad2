import { type AdaptiveSize, adaptiveAvgPool2d, type Tensor } from '@nabla/tensor';
import { pyValue } from '../format.js';
import { Module } from '../module.js';
import { callAs } from './common.js';

/**
 * Averages `[N, C, H, W]` (or `[C, H, W]`) input down to `outputSize` (`[h, w]`, one size for
 * both, or null to keep a dimension), whatever the input's size: window `i` of `n` over a
 * size `s` covers `floor(i·s/n)` to `ceil((i+1)·s/n)`.
 *
 * Mirrors `nn.AdaptiveAvgPool2d(output_size)`.
 *
 * @example
 * ```ts
 * const p = new AdaptiveAvgPool2d([1, 1]);
 * p(randn(100, 32, 16, 16)).shape; // [100, 32, 1, 1]
 * String(p);                       // 'AdaptiveAvgPool2d(output_size=(1, 1))'
 * ```
 */
export class AdaptiveAvgPool2d extends Module {
  readonly outputSize: AdaptiveSize;

  constructor(outputSize: AdaptiveSize) {
    super();
    this.outputSize = outputSize;
  }

  forward(x: Tensor): Tensor {
    return callAs(this, () => adaptiveAvgPool2d(x, this.outputSize));
  }

  override extraRepr(): string {
    return `output_size=${pyValue(this.outputSize)}`;
  }
}
