import { avgPool2d, type IntPair, type Tensor } from '@nabla/tensor';
import { pyValue } from '../format.js';
import { Module } from '../module.js';
import { callAs } from './common.js';

/** Options of {@link AvgPool2d}, PyTorch's keyword arguments. */
export interface AvgPool2dLayerOptions {
  /** The step between windows (default: the kernel size). */
  stride?: IntPair | null;
  /** Implicit zero padding on each side (default 0; at most half the kernel). */
  padding?: IntPair;
  /** Round the output size up (default false). */
  ceilMode?: boolean;
  /** Count the padding zeros in the divisor (default true). */
  countIncludePad?: boolean;
  /** Divide by this instead of the window size (default null). */
  divisorOverride?: number | null;
}

/**
 * The mean over each `kernelSize` window of `[N, C, H, W]` (or `[C, H, W]`) input; the stride
 * defaults to the kernel size. Mirrors `nn.AvgPool2d(kernel_size, stride=None, padding=0,
 * ceil_mode=False, count_include_pad=True, divisor_override=None)`.
 *
 * @example
 * ```ts
 * new AvgPool2d(2)(randn(1, 3, 8, 8)).shape; // [1, 3, 4, 4]
 * String(new AvgPool2d(2));                // 'AvgPool2d(kernel_size=2, stride=2, padding=0)'
 * ```
 */
export class AvgPool2d extends Module {
  readonly kernelSize: IntPair;
  readonly stride: IntPair;
  readonly padding: IntPair;
  readonly ceilMode: boolean;
  readonly countIncludePad: boolean;
  readonly divisorOverride: number | null;

  constructor(kernelSize: IntPair, options: AvgPool2dLayerOptions = {}) {
    super();
    this.kernelSize = kernelSize;
    this.stride = options.stride ?? kernelSize;
    this.padding = options.padding ?? 0;
    this.ceilMode = options.ceilMode ?? false;
    this.countIncludePad = options.countIncludePad ?? true;
    this.divisorOverride = options.divisorOverride ?? null;
  }

  forward(x: Tensor): Tensor {
    return callAs(this, () =>
      avgPool2d(x, this.kernelSize, {
        stride: this.stride,
        padding: this.padding,
        ceilMode: this.ceilMode,
        countIncludePad: this.countIncludePad,
        divisorOverride: this.divisorOverride,
      }),
    );
  }

  override extraRepr(): string {
    return `kernel_size=${pyValue(this.kernelSize)}, stride=${pyValue(this.stride)}, padding=${pyValue(this.padding)}`;
  }
}
