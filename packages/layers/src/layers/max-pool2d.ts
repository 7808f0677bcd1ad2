import { type IntPair, maxPool2d, type Tensor } from '@nabla/tensor';
import { pyBool, pyValue } from '../format.js';
import { Module } from '../module.js';
import { callAs } from './common.js';

/** Options of {@link MaxPool2d}, PyTorch's keyword arguments. */
export interface MaxPool2dLayerOptions {
  /** The step between windows (default: the kernel size). */
  stride?: IntPair | null;
  /** Implicit -inf padding on each side (default 0; at most half the kernel). */
  padding?: IntPair;
  /** The spacing between window elements (default 1). */
  dilation?: IntPair;
  /** Round the output size up, so a partial window at the end counts (default false). */
  ceilMode?: boolean;
}

/**
 * The maximum over each `kernelSize` window of `[N, C, H, W]` (or `[C, H, W]`) input. The
 * settings are kept as given, as PyTorch keeps them (`kernelSize` is `2` or `[2, 2]`), and the
 * stride defaults to the kernel size.
 *
 * Mirrors `nn.MaxPool2d(kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False)`.
 *
 * @example
 * ```ts
 * const maxpool = new MaxPool2d([2, 2]);
 * maxpool(randn(100, 32, 28, 28)).shape; // [100, 32, 14, 14]
 * String(maxpool);
 * // 'MaxPool2d(kernel_size=(2, 2), stride=(2, 2), padding=0, dilation=1, ceil_mode=False)'
 * ```
 */
export class MaxPool2d extends Module {
  readonly kernelSize: IntPair;
  readonly stride: IntPair;
  readonly padding: IntPair;
  readonly dilation: IntPair;
  readonly ceilMode: boolean;

  constructor(kernelSize: IntPair, options: MaxPool2dLayerOptions = {}) {
    super();
    this.kernelSize = kernelSize;
    this.stride = options.stride ?? kernelSize;
    this.padding = options.padding ?? 0;
    this.dilation = options.dilation ?? 1;
    this.ceilMode = options.ceilMode ?? false;
  }

  forward(x: Tensor): Tensor {
    return callAs(this, () =>
      maxPool2d(x, this.kernelSize, {
        stride: this.stride,
        padding: this.padding,
        dilation: this.dilation,
        ceilMode: this.ceilMode,
      }),
    );
  }

  override extraRepr(): string {
    return `kernel_size=${pyValue(this.kernelSize)}, stride=${pyValue(this.stride)}, padding=${pyValue(this.padding)}, dilation=${pyValue(this.dilation)}, ceil_mode=${pyBool(this.ceilMode)}`;
  }
}
