import type { AnyBackend, Pool2dParams } from '@nabla/backend';
import { viewOf, wrapLike } from '../core.js';
import { arange } from '../create.js';
import { named } from '../grad-mode.js';
import type { Tensor } from '../tensor.js';
import { checkFloat, type IntPair } from './args.js';
import { type PoolPlan, poolPlan } from './pool-plan.js';
import { windows } from './windows.js';

/** Options of {@link maxPool2d}, PyTorch's keyword arguments. */
export interface MaxPool2dOptions {
  /** The step between windows (default: the kernel size). */
  stride?: IntPair | null;
  /** Implicit -inf added on both sides (default 0; at most half the kernel). */
  padding?: IntPair;
  /** The spacing between window elements (default 1). */
  dilation?: IntPair;
  /** Count a partial window at the end (rounds the output size up; default false). */
  ceilMode?: boolean;
  /** Also return where each maximum is, as flat indices into H * W (default false). */
  returnIndices?: boolean;
}

/**
 * `torch.nn.functional.max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1,
 * ceil_mode=False, return_indices=False)`: the maximum of each window over the last two
 * dimensions of `[N, C, H, W]` or `[C, H, W]`. With `returnIndices` it returns
 * `[values, indices]`, the indices (int32) counting positions of the input's `H * W` plane.
 *
 * Runs the backend's fused `maxPool2d` when it has one; otherwise the input is padded with -inf
 * and seen as windows (a strided view). The maximum of a window is taken at its first largest
 * element (row-major), so the gradient goes there, as in PyTorch.
 * Its gradient node is `MaxPool2DWithIndicesBackward0`.
 *
 * @example
 * const x = torch.randn(100, 32, 28, 28);
 * maxPool2d(x, 2).shape; // [100, 32, 14, 14]
 * const [values, indices] = maxPool2d(x, [2, 2], { returnIndices: true });
 */
export function maxPool2d(
  input: Tensor,
  kernelSize: IntPair,
  options: MaxPool2dOptions & { returnIndices: true },
): [Tensor, Tensor];
export function maxPool2d(
  input: Tensor,
  kernelSize: IntPair,
  options?: MaxPool2dOptions & { returnIndices?: false },
): Tensor;
export function maxPool2d(
  input: Tensor,
  kernelSize: IntPair,
  options?: MaxPool2dOptions,
): Tensor | [Tensor, Tensor];
export function maxPool2d(
  input: Tensor,
  kernelSize: IntPair,
  options: MaxPool2dOptions = {},
): Tensor | [Tensor, Tensor] {
  const plan = poolPlan(
    'maxPool2d',
    input,
    kernelSize,
    options.stride,
    options.padding ?? 0,
    options.dilation ?? 1,
    options.ceilMode ?? false,
  );
  checkFloat('maxPool2d', { input });
  const kernel = input.numel() > 0 ? input.backend.maxPool2d : undefined;
  if (kernel) {
    const [values, indices] = fused(kernel.bind(input.backend), input, plan);
    return options.returnIndices === true ? [values, indices] : values;
  }
  const [kh, kw] = plan.kernel;
  const [values, argmax] = named(input, 'MaxPool2DWithIndicesBackward0', () => {
    // [..., H, W] -> windows [..., Ho, Wo, kh, kw] -> [..., Ho, Wo, kh * kw] (a copy)
    const win = windows(
      input,
      plan.kernel,
      plan.stride,
      plan.dilation,
      plan.rows,
      plan.cols,
      -Infinity,
    );
    return win.reshape([...win.shape.slice(0, -2), kh * kw]).max(-1);
  });
  return options.returnIndices === true ? [values, inputIndices(input, argmax, plan)] : values;
}

/** The backend's fused kernel on `[N, C, H, W]` (a `[C, H, W]` input gains a batch of one). */
function fused(
  kernel: NonNullable<AnyBackend['maxPool2d']>,
  input: Tensor,
  plan: PoolPlan,
): [Tensor, Tensor] {
  const x = input.ndim === 3 ? input.unsqueeze(0) : input;
  const { rows, cols } = plan;
  const p: Pool2dParams = {
    kernel: plan.kernel,
    stride: plan.stride,
    padding: [rows.before, cols.before],
    dilation: plan.dilation,
    outSize: [rows.count, cols.count],
  };
  const [values, indices] = kernel(viewOf(x), p);
  const shape = [...input.shape.slice(0, -2), rows.count, cols.count];
  return [wrapLike(input, values, shape), wrapLike(input, indices, shape)];
}

/** The position in the input's `H * W` plane of each window's element `k` (row-major in the window). */
function inputIndices(input: Tensor, k: Tensor, plan: PoolPlan): Tensor {
  const w = input.shape[input.ndim - 1] as number;
  const [, kw] = plan.kernel;
  const [sh, sw] = plan.stride;
  const [dh, dw] = plan.dilation;
  const { rows, cols } = plan;
  const options = { dtype: 'float32', device: input.device } as const;
  // the first row / column of each window, in input coordinates: [Ho, 1] and [Wo]
  const top = arange(-rows.before, -rows.before + rows.count * sh, sh, options).unsqueeze(1);
  const left = arange(-cols.before, -cols.before + cols.count * sw, sw, options);
  // float32 holds these integers exactly (below 2^24)
  const kf = k.float();
  const kr = kf.div(kw).floor();
  const kc = kf.sub(kr.mul(kw));
  const ih = kr.mul(dh).add(top);
  const iw = kc.mul(dw).add(left);
  return ih.mul(w).add(iw).long();
}
