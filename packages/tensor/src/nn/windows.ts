import { asStrided } from '../movement.js';
import { pad } from '../pad.js';
import type { Tensor } from '../tensor.js';

/** Where the windows of one spatial dimension lie: padding before and after, and their count. */
export interface WindowSpan {
  /** Padding before the input (left / top). */
  before: number;
  /** Padding after the input (right / bottom) that the windows reach. */
  after: number;
  /** The number of windows (the output size). */
  count: number;
}

/**
 * PyTorch's `pooling_output_shape_pad_lr`: the number of windows of `kernel` positions
 * (`dilation` apart), `stride` apart, over `size` positions padded by `before` and `after`. With
 * `ceilMode` a partial window at the end counts, but the last window must start inside the input
 * or the padding before it.
 */
export function windowCount(
  size: number,
  kernel: number,
  before: number,
  after: number,
  stride: number,
  dilation: number,
  ceilMode: boolean,
): number {
  const span = size + before + after - dilation * (kernel - 1) - 1 + (ceilMode ? stride - 1 : 0);
  let count = Math.floor(span / stride) + 1;
  if (ceilMode && (count - 1) * stride >= size + before) count--;
  return count;
}

/**
 * The padding that makes `count` windows fit: `before` as given, and after the input as much as
 * the last window reaches (more than the padding asked for in ceil mode, less when the windows
 * stop short of the end).
 */
export function span(
  size: number,
  kernel: number,
  before: number,
  stride: number,
  dilation: number,
  count: number,
): WindowSpan {
  const extent = (count - 1) * stride + dilation * (kernel - 1) + 1;
  return { before, after: Math.max(extent - before - size, 0), count };
}

/**
 * The sliding windows over the last two dimensions of `x`, padded with `value`: a view
 * `[..., Ho, Wo, kh, kw]` of the padded copy (of `x` itself when no padding is needed and `x` is
 * contiguous). Windows overlap when the stride is smaller than the kernel; the gradients that
 * flow back through overlapping windows add up.
 *
 * x: [..., H, W] -> [..., Ho, Wo, kh, kw]
 */
export function windows(
  x: Tensor,
  kernel: readonly [number, number],
  stride: readonly [number, number],
  dilation: readonly [number, number],
  rows: WindowSpan,
  cols: WindowSpan,
  value = 0,
): Tensor {
  const padded =
    rows.before + rows.after + cols.before + cols.after > 0
      ? pad(x, [cols.before, cols.after, rows.before, rows.after], 'constant', value)
      : x.contiguous();
  const n = padded.ndim;
  const w = padded.shape[n - 1] as number;
  return asStrided(
    padded,
    [...padded.shape.slice(0, -2), rows.count, cols.count, kernel[0], kernel[1]],
    [...padded.strides.slice(0, -2), stride[0] * w, stride[1], dilation[0] * w, dilation[1]],
    padded.offset,
  );
}
