import { shapeToString } from '@nabla/backend';
import { conv2d, empty, type IntPair, NablaError, pad, type Tensor } from '@nabla/tensor';
import { pyStr, pyValue } from '../format.js';
import { biasUniformBound, calculateFanInAndFanOut } from '../init.js';
import { kaimingUniform_, uniform_ } from '../init-fill.js';
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';
import { badArgument, callAs, checkSizes } from './common.js';

/** How Conv2d pads its input: with zeros, or by reflecting, repeating or wrapping the edge. */
export type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';

const PADDING_MODES: readonly string[] = ['zeros', 'reflect', 'replicate', 'circular'];

/** Options of {@link Conv2d}, PyTorch's keyword arguments. */
export interface Conv2dLayerOptions {
  /** The step between windows (default 1). */
  stride?: IntPair;
  /** Padding on each side (default 0), `'valid'` (none) or `'same'` (keep the size; stride 1). */
  padding?: IntPair | 'same' | 'valid';
  /** The spacing between kernel elements (default 1). */
  dilation?: IntPair;
  /** Independent channel groups (default 1); both channel counts must divide by it. */
  groups?: number;
  /** Learn an additive bias per output channel (default true). */
  bias?: boolean;
  /** What padding adds (default `'zeros'`). */
  paddingMode?: PaddingMode;
  /** The device of the parameters (default: the default device). */
  device?: string;
}

function pair(layer: string, arg: string, v: IntPair): [number, number] {
  const p: unknown[] = typeof v === 'number' ? [v, v] : [...v];
  if (p.length !== 2 || p.some((x) => !Number.isInteger(x) || (x as number) < 0)) {
    badArgument(
      layer,
      `${arg} must be a non-negative integer or a pair of them, got ${JSON.stringify(v)}`,
    );
  }
  return p as [number, number];
}

/**
 * A 2-D convolution over `[N, C, H, W]` (or unbatched `[C, H, W]`) input, with `weight` of shape
 * `[outChannels, inChannels / groups, kH, kW]` and `bias` of shape `[outChannels]`, initialised
 * as PyTorch does (kaiming-uniform with a = √5, then the bias from U(-1/√fanIn, 1/√fanIn)).
 * A padding mode other than zeros pads the input with `pad()` first, as PyTorch does.
 *
 * Shape: output `[N, outChannels, Ho, Wo]`, `Ho = floor((H + 2·padH - dilH·(kH - 1) - 1) / strideH) + 1`.
 * Mirrors `nn.Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1,
 * groups=1, bias=True, padding_mode='zeros')`.
 *
 * @example
 * ```ts
 * const conv1 = new Conv2d(3, 32, 3);
 * conv1(randn(100, 3, 32, 32)).shape;                       // [100, 32, 30, 30]
 * new Conv2d(32, 32, 3, { padding: [1, 1] }).kernelSize;    // [3, 3]
 * String(conv1); // 'Conv2d(3, 32, kernel_size=(3, 3), stride=(1, 1))'
 * ```
 */
export class Conv2d extends Module {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: [number, number];
  readonly stride: [number, number];
  readonly padding: [number, number] | 'same' | 'valid';
  readonly dilation: [number, number];
  readonly groups: number;
  readonly paddingMode: PaddingMode;
  weight: Parameter;
  bias: Parameter | null;
  /** The amounts `pad()` adds for a non-zeros padding mode: [left, right, top, bottom]. */
  private readonly reversedPadding: number[];

  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: IntPair,
    options: Conv2dLayerOptions = {},
  ) {
    super();
    const { stride = 1, padding = 0, dilation = 1, groups = 1, bias = true } = options;
    const paddingMode = options.paddingMode ?? 'zeros';
    checkSizes('Conv2d', { in_channels: inChannels, out_channels: outChannels, groups });
    if (inChannels % groups !== 0) badArgument('Conv2d', 'in_channels must be divisible by groups');
    if (outChannels % groups !== 0)
      badArgument('Conv2d', 'out_channels must be divisible by groups');
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = pair('Conv2d', 'kernel_size', kernelSize);
    this.stride = pair('Conv2d', 'stride', stride);
    if (typeof padding === 'string') {
      if (padding !== 'same' && padding !== 'valid') {
        badArgument(
          'Conv2d',
          `Invalid padding string ${pyStr(padding)}, should be one of ['same', 'valid']`,
        );
      }
      if (padding === 'same' && this.stride.some((s) => s !== 1)) {
        badArgument('Conv2d', "padding='same' is not supported for strided convolutions");
      }
      this.padding = padding;
    } else {
      this.padding = pair('Conv2d', 'padding', padding);
    }
    this.dilation = pair('Conv2d', 'dilation', dilation);
    if (!PADDING_MODES.includes(paddingMode)) {
      badArgument(
        'Conv2d',
        `padding_mode must be one of ['zeros', 'reflect', 'replicate', 'circular'], but got padding_mode=${pyStr(String(paddingMode))}`,
      );
    }
    this.groups = groups;
    this.paddingMode = paddingMode;
    this.reversedPadding = this.padAmounts();
    const [kh, kw] = this.kernelSize;
    this.weight = new Parameter(
      empty(outChannels, inChannels / groups, kh, kw, { device: options.device }),
    );
    this.bias = bias ? new Parameter(empty(outChannels, { device: options.device })) : null;
    this.resetParameters();
  }

  /** [left, right, top, bottom], as PyTorch's `_reversed_padding_repeated_twice`. */
  private padAmounts(): number[] {
    if (this.padding === 'valid') return [0, 0, 0, 0];
    if (this.padding === 'same') {
      // the width first: pad() lists the last dimension first
      return [1, 0].flatMap((i) => {
        const total = (this.dilation[i] as number) * ((this.kernelSize[i] as number) - 1);
        const left = Math.floor(total / 2);
        return [left, total - left];
      });
    }
    const [ph, pw] = this.padding;
    return [pw, pw, ph, ph];
  }

  /** PyTorch's default initialisation, drawing from the global generator. */
  resetParameters(): void {
    kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias !== null) {
      const [fanIn] = calculateFanInAndFanOut(this.weight.shape);
      const bound = biasUniformBound(fanIn);
      uniform_(this.bias, -bound, bound);
    }
  }

  /** The input checks PyTorch makes, with its messages: rank, channels, kernel size. */
  private checkInput(x: Tensor): void {
    if (x.ndim !== 3 && x.ndim !== 4) {
      throw new NablaError(
        `Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: ${shapeToString(x.shape)}`,
      );
    }
    const c = x.shape[x.ndim - 3] as number;
    if (c !== this.inChannels) {
      throw new NablaError(
        `Given groups=${this.groups}, weight of size ${shapeToString(this.weight.shape)}, expected input${shapeToString(x.shape)} to have ${this.inChannels} channels, but got ${c} channels instead`,
      );
    }
    const [left, right, top, bottom] = this.reversedPadding as [number, number, number, number];
    const h = (x.shape[x.ndim - 2] as number) + top + bottom;
    const w = (x.shape[x.ndim - 1] as number) + left + right;
    const kh = this.dilation[0] * (this.kernelSize[0] - 1) + 1;
    const kw = this.dilation[1] * (this.kernelSize[1] - 1) + 1;
    if (h < kh || w < kw) {
      throw new NablaError(
        `Calculated padded input size per channel: (${h} x ${w}). Kernel size: (${kh} x ${kw}). Kernel size can't be greater than actual input size (input of shape ${shapeToString(x.shape)})`,
      );
    }
  }

  forward(x: Tensor): Tensor {
    return callAs(this, () => {
      this.checkInput(x);
      const options = { stride: this.stride, dilation: this.dilation, groups: this.groups };
      if (this.paddingMode === 'zeros') {
        return conv2d(x, this.weight, this.bias, { ...options, padding: this.padding });
      }
      const padded = pad(x, this.reversedPadding, this.paddingMode);
      return conv2d(padded, this.weight, this.bias, { ...options, padding: 0 });
    });
  }

  override extraRepr(): string {
    let s = `${this.inChannels}, ${this.outChannels}, kernel_size=${pyValue(this.kernelSize)}, stride=${pyValue(this.stride)}`;
    if (typeof this.padding === 'string' || this.padding.some((p) => p !== 0)) {
      s += `, padding=${pyValue(this.padding)}`;
    }
    if (this.dilation.some((d) => d !== 1)) s += `, dilation=${pyValue(this.dilation)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (this.bias === null) s += ', bias=False';
    if (this.paddingMode !== 'zeros') s += `, padding_mode=${this.paddingMode}`;
    return s;
  }
}
