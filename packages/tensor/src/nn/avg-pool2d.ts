import { tensor } from '../create.js';
import { fail } from '../errors.js';
import { named } from '../grad-mode.js';
import type { Tensor } from '../tensor.js';
import { checkFloat, type IntPair } from './args.js';
import { type PoolPlan, poolPlan } from './pool-plan.js';
import { windows } from './windows.js';

/** Options of {@link avgPool2d}, PyTorch's keyword arguments. */
export interface AvgPool2dOptions {
  /** The step between windows (default: the kernel size). */
  stride?: IntPair | null;
  /** Implicit zeros added on both sides (default 0; at most half the kernel). */
  padding?: IntPair;
  /** Count a partial window at the end (rounds the output size up; default false). */
  ceilMode?: boolean;
  /** Whether the padding zeros count in the divisor (default true). */
  countIncludePad?: boolean;
  /** Divide every window's sum by this instead. */
  divisorOverride?: number | null;
}

/**
 * `torch.nn.functional.avg_pool2d(input, kernel_size, stride=None, padding=0,
 * ceil_mode=False, count_include_pad=True, divisor_override=None)`: the mean of each window
 * over the last two dimensions of `[N, C, H, W]` or `[C, H, W]`.
 *
 * The divisor is PyTorch's: the window's size clipped to the padded input (so a ceil-mode
 * window that hangs past the padding counts only what it covers), or with
 * `countIncludePad: false` the number of input elements it covers. Its gradient node is
 * `AvgPool2DBackward0`.
 *
 * @example
 * const x = torch.randn(1, 3, 5, 5);
 * avgPool2d(x, 2, { ceilMode: true }).shape; // [1, 3, 3, 3]
 */
export function avgPool2d(
  input: Tensor,
  kernelSize: IntPair,
  options: AvgPool2dOptions = {},
): Tensor {
  const plan = poolPlan(
    'avgPool2d',
    input,
    kernelSize,
    options.stride,
    options.padding ?? 0,
    1,
    options.ceilMode ?? false,
  );
  checkFloat('avgPool2d', { input });
  const override = options.divisorOverride ?? null;
  if (override !== null && (!Number.isInteger(override) || override === 0)) {
    fail('avgPool2d', `divisor must be not zero (a non-zero integer), got ${override}`);
  }
  const [rowDiv, colDiv] = divisors(input, plan, options.countIncludePad ?? true);
  return named(input, 'AvgPool2DBackward0', () => {
    // [..., H, W] -> windows [..., Ho, Wo, kh, kw] -> sums [..., Ho, Wo]
    const win = windows(input, plan.kernel, plan.stride, plan.dilation, plan.rows, plan.cols);
    const sums = win.sum([-2, -1]);
    return override !== null ? sums.div(override) : sums.div(rowDiv.mul(colDiv));
  });
}

/**
 * The divisor of each output position, which factors into a row part `[Ho, 1]` and a column
 * part `[Wo]`: PyTorch's `(ih1 - ih0) * (iw1 - iw0)` with the window clipped to the padded
 * input, or to the input itself when the padding does not count.
 */
function divisors(input: Tensor, plan: PoolPlan, countIncludePad: boolean): [Tensor, Tensor] {
  const sizes = input.shape.slice(-2) as [number, number];
  const [rows, cols] = [plan.rows, plan.cols].map((s, d) => {
    const size = sizes[d] as number;
    const k = plan.kernel[d] as number;
    const step = plan.stride[d] as number;
    const pad = plan.padding[d] as number;
    return Array.from({ length: s.count }, (_, i) => {
      const start = i * step - pad;
      const end = Math.min(start + k, size + pad);
      return countIncludePad ? end - start : Math.min(end, size) - Math.max(start, 0);
    });
  }) as [number[], number[]];
  const options = { dtype: 'float32', device: input.device } as const;
  return [tensor(rows, options).unsqueeze(1), tensor(cols, options)];
}
