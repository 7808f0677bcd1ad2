import { fail, fmt } from '../errors.js';
import { named } from '../grad-mode.js';
import { stack } from '../movement.js';
import type { Tensor } from '../tensor.js';
import { checkFloat } from './args.js';

/** An output size: one for both dimensions, or `[h, w]`; null keeps the input's size. */
export type AdaptiveSize = number | null | readonly [number | null, number | null];

/**
 * `torch.nn.functional.adaptive_avg_pool2d(input, output_size)`: averages `[N, C, H, W]` or
 * `[C, H, W]` down to `[..., Ho, Wo]` with PyTorch's windows: output row `i` averages input rows
 * `floor(i * H / Ho)` to `ceil((i + 1) * H / Ho)` (exclusive), and likewise for columns.
 *
 * A rectangle's mean is the mean over its columns of the means over its rows, so the two
 * dimensions are pooled one after the other: a dimension that divides evenly is a reshape and a
 * mean (regular pooling), any other a mean per window, stacked. Its gradient node is
 * `AdaptiveAvgPool2DBackward0`.
 *
 * @example
 * const x = torch.randn(100, 32, 16, 16);
 * adaptiveAvgPool2d(x, [1, 1]).shape; // [100, 32, 1, 1]
 */
export function adaptiveAvgPool2d(input: Tensor, outputSize: AdaptiveSize): Tensor {
  if (input.ndim !== 3 && input.ndim !== 4) {
    fail('adaptiveAvgPool2d', `Expected 3D or 4D tensor, but got ${fmt(input.shape)}`);
  }
  const empty = input.shape.findIndex((s, i) => i > 0 && s === 0);
  if (empty > 0) {
    fail(
      'adaptiveAvgPool2d',
      `Expected input to have non-zero size for non-batch dimensions, but input has sizes ${fmt(input.shape)} with dimension ${empty} being empty`,
    );
  }
  checkFloat('adaptiveAvgPool2d', { input });
  const sizes: readonly (number | null)[] =
    outputSize === null || typeof outputSize === 'number' ? [outputSize, outputSize] : outputSize;
  const h = input.shape[input.ndim - 2] as number;
  const w = input.shape[input.ndim - 1] as number;
  const [ho, wo] = sizes.map((s, i) => s ?? [h, w][i]) as [number, number];
  if (sizes.length !== 2 || [ho, wo].some((s) => !Number.isInteger(s) || s < 0)) {
    fail(
      'adaptiveAvgPool2d',
      `outputSize must be a non-negative integer, null, or a pair of them, got ${JSON.stringify(outputSize)}`,
    );
  }
  return named(input, 'AdaptiveAvgPool2DBackward0', () =>
    poolDim(poolDim(input, input.ndim - 2, ho), input.ndim - 1, wo),
  );
}

/** Adaptive average pooling of one dimension `d` of `x` down to `out` positions. */
function poolDim(x: Tensor, d: number, out: number): Tensor {
  const size = x.shape[d] as number;
  if (out === size) return x;
  if (out === 0) return x.narrow(d, 0, 0);
  // regular windows: [..., size, ...] -> [..., out, size / out, ...] -> mean
  if (size % out === 0) return x.unflatten(d, [out, size / out]).mean(d + 1);
  const means = Array.from({ length: out }, (_, i) => {
    const start = Math.floor((i * size) / out);
    const end = Math.ceil(((i + 1) * size) / out);
    return x.narrow(d, start, end - start).mean(d);
  });
  return stack(means, d);
}
