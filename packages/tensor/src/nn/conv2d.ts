import type { AnyBackend, Conv2dParams } from '@nabla/backend';
import { sameDevice, viewOf, wrapLike } from '../core.js';
import { fail, fmt } from '../errors.js';
import { named } from '../grad-mode.js';
import type { Tensor } from '../tensor.js';
import { checkFloat, type IntPair, pairOf } from './args.js';
import { span, type WindowSpan, windows } from './windows.js';

/** Options of {@link conv2d}, PyTorch's keyword arguments. */
export interface Conv2dOptions {
  /** The step between windows (default 1). */
  stride?: IntPair;
  /**
   * Zeros added on both sides of each spatial dimension (default 0), or `'valid'` (none), or
   * `'same'` (the output keeps the input's size; stride 1 only; an even kernel gets the extra
   * zero on the right / bottom, as PyTorch does).
   */
  padding?: IntPair | 'same' | 'valid';
  /** The spacing between kernel elements (default 1). */
  dilation?: IntPair;
  /** Split the channels into this many independent groups (default 1). */
  groups?: number;
}

/**
 * `torch.nn.functional.conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1,
 * groups=1)`: the 2-D cross-correlation of `input` with `weight`, plus `bias`.
 * `input` is `[N, C, H, W]` or unbatched `[C, H, W]`; `weight` is `[O, C / groups, kH, kW]`;
 * `bias` is `[O]`. The output is `[N, O, Ho, Wo]` with
 * `Ho = floor((H + padTop + padBottom - dilation * (kH - 1) - 1) / stride) + 1`.
 *
 * Runs the backend's fused `conv2d` when it has one (the CPU backend's im2col into WebAssembly
 * matrix products); otherwise composed as im2col: the zero-padded input seen as windows (a
 * strided view), copied into columns, one batched matrix product per group. Either way its
 * gradient node is `ConvolutionBackward0`.
 *
 * @example
 * const x = torch.randn(100, 3, 32, 32);
 * const w = torch.randn(32, 3, 3, 3);
 * conv2d(x, w).shape; // [100, 32, 30, 30]
 * conv2d(x, w, null, { padding: 1 }).shape; // [100, 32, 32, 32]
 */
export function conv2d(
  input: Tensor,
  weight: Tensor,
  bias?: Tensor | null,
  options: Conv2dOptions = {},
): Tensor {
  if (input.ndim !== 3 && input.ndim !== 4) {
    fail(
      'conv2d',
      `Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: ${fmt(input.shape)}`,
    );
  }
  checkFloat('conv2d', { input, weight, bias });
  const x = input.ndim === 3 ? input.unsqueeze(0) : input;
  const plan = convPlan(x, weight, bias ?? null, options);
  sameDevice('conv2d', bias ? [x, weight, bias] : [x, weight]);
  // empty tensors take the composite path: fused kernels may assume at least one element
  const kernel = x.numel() > 0 && weight.numel() > 0 ? x.backend.conv2d : undefined;
  const out = kernel
    ? fused(kernel.bind(x.backend), x, weight, bias ?? null, plan)
    : named(x, 'ConvolutionBackward0', () => convolve(x, weight, bias ?? null, plan));
  return input.ndim === 3 ? out.squeeze(0) : out;
}

/** What the checks settle: padding per side and output size per spatial dimension. */
interface ConvPlan {
  groups: number;
  stride: [number, number];
  dilation: [number, number];
  rows: WindowSpan;
  cols: WindowSpan;
}

/** Checks the arguments as PyTorch's `check_shape_forward` does, with its messages. */
function convPlan(
  x: Tensor,
  weight: Tensor,
  bias: Tensor | null,
  options: Conv2dOptions,
): ConvPlan {
  const stride = pairOf('conv2d', 'stride', options.stride ?? 1);
  const dilation = pairOf('conv2d', 'dilation', options.dilation ?? 1);
  const groups = options.groups ?? 1;
  const padding = options.padding ?? 0;
  if (stride.some((s) => s <= 0)) {
    fail('conv2d', `non-positive stride is not supported, got stride=${fmt(stride)}`);
  }
  if (dilation.some((d) => d <= 0)) {
    fail('conv2d', `dilation should be greater than zero, but got ${fmt(dilation)}`);
  }
  if (!Number.isInteger(groups) || groups <= 0) {
    fail('conv2d', `non-positive groups is not supported, got groups=${groups}`);
  }
  if (typeof padding === 'string' && padding !== 'same' && padding !== 'valid') {
    fail('conv2d', `Invalid padding string: '${padding}'`);
  }
  if (padding === 'same' && stride.some((s) => s !== 1)) {
    fail('conv2d', "padding='same' is not supported for strided convolutions");
  }
  if (weight.ndim !== 4) {
    fail(
      'conv2d',
      `Expected 4-dimensional weight [out_channels, in_channels / groups, kH, kW] for 4-dimensional input of size ${fmt(x.shape)}, but got weight of size ${fmt(weight.shape)} instead`,
    );
  }
  const [o, cg, kh, kw] = weight.shape as [number, number, number, number];
  // 'same': total padding dilation * (k - 1), the odd one out after the input
  const pads: [number, number][] =
    padding === 'same'
      ? [kh, kw].map((k, i) => {
          const total = (dilation[i] as number) * (k - 1);
          return [Math.floor(total / 2), total - Math.floor(total / 2)] as [number, number];
        })
      : pairOf('conv2d', 'padding', padding === 'valid' ? 0 : padding).map(
          (p) => [p, p] as [number, number],
        );
  if (pads.some(([p]) => p < 0)) {
    fail('conv2d', `negative padding is not supported, got padding=${JSON.stringify(padding)}`);
  }
  if (o < groups) {
    fail(
      'conv2d',
      `Given groups=${groups}, expected weight to be at least ${groups} at dimension 0, but got weight of size ${fmt(weight.shape)} instead`,
    );
  }
  if (o % groups !== 0) {
    fail(
      'conv2d',
      `Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size ${fmt(weight.shape)} instead`,
    );
  }
  if (x.shape[1] !== cg * groups) {
    fail(
      'conv2d',
      `Given groups=${groups}, weight of size ${fmt(weight.shape)}, expected input${fmt(x.shape)} to have ${cg * groups} channels, but got ${x.shape[1]} channels instead`,
    );
  }
  if (bias !== null && (bias.ndim !== 1 || bias.shape[0] !== o)) {
    fail(
      'conv2d',
      `Given weight of size ${fmt(weight.shape)}, expected bias to be 1-dimensional with ${o} elements, but got bias of size ${fmt(bias.shape)} instead`,
    );
  }
  const sizes = [x.shape[2] as number, x.shape[3] as number];
  const padded = sizes.map((s, i) => s + (pads[i] as [number, number])[0] * 2);
  const kernel = [kh, kw].map((k, i) => (dilation[i] as number) * (k - 1) + 1);
  if (padding !== 'same' && padded.some((p, i) => p < (kernel[i] as number))) {
    fail(
      'conv2d',
      `Calculated padded input size per channel: (${padded.join(' x ')}). Kernel size: (${kernel.join(' x ')}). Kernel size can't be greater than actual input size`,
    );
  }
  const [rows, cols] = sizes.map((s, i) => {
    const [before, after] = pads[i] as [number, number];
    const k = kernel[i] as number;
    const count = Math.floor((s + before + after - k) / (stride[i] as number)) + 1;
    return span(
      s,
      [kh, kw][i] as number,
      before,
      stride[i] as number,
      dilation[i] as number,
      count,
    );
  }) as [WindowSpan, WindowSpan];
  return { groups, stride, dilation, rows, cols };
}

/** The backend's fused kernel (it records its own gradient node when it differentiates). */
function fused(
  kernel: NonNullable<AnyBackend['conv2d']>,
  x: Tensor,
  weight: Tensor,
  bias: Tensor | null,
  plan: ConvPlan,
): Tensor {
  const { rows, cols } = plan;
  const p: Conv2dParams = {
    stride: plan.stride,
    padding: [rows.before, cols.before],
    dilation: plan.dilation,
    groups: plan.groups,
    outSize: [rows.count, cols.count],
  };
  const out = kernel(viewOf(x), viewOf(weight), bias === null ? null : viewOf(bias), p);
  return wrapLike(x, out, [x.shape[0] as number, weight.shape[0] as number, ...p.outSize]);
}

/** im2col and one matrix product per group. */
function convolve(x: Tensor, weight: Tensor, bias: Tensor | null, plan: ConvPlan): Tensor {
  const [n, c] = x.shape as [number, number];
  const [o, cg, kh, kw] = weight.shape as [number, number, number, number];
  const { groups: g, rows, cols } = plan;
  // x: [N, C, H, W] -> windows [N, C, Ho, Wo, kh, kw] -> [N, G, C/G, kh, kw, Ho, Wo]
  const win = windows(x, [kh, kw], plan.stride, plan.dilation, rows, cols)
    .unflatten(1, [g, c / g])
    .permute(0, 1, 2, 5, 6, 3, 4);
  // columns (a copy): [N, G, C/G * kh * kw, Ho * Wo]
  const columns = win.reshape(n, g, cg * kh * kw, rows.count * cols.count);
  // [G, O/G, C/G * kh * kw] @ [N, G, C/G * kh * kw, Ho * Wo] -> [N, G, O/G, Ho * Wo]
  const y = weight
    .reshape(g, o / g, cg * kh * kw)
    .matmul(columns)
    .reshape(n, o, rows.count, cols.count);
  return bias === null ? y : y.add(bias.reshape(o, 1, 1));
}
