import { fail, fmt } from '../errors.js';
import type { Tensor } from '../tensor.js';
import { type IntPair, pairOf } from './args.js';
import { span, type WindowSpan, windowCount } from './windows.js';

/** The settled arguments of a 2-D pooling: kernel, stride, dilation and the windows' spans. */
export interface PoolPlan {
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
  dilation: [number, number];
  rows: WindowSpan;
  cols: WindowSpan;
}

/**
 * Checks the arguments of max / avg pooling as PyTorch's `pool2d_shape_check` does, with its
 * messages, and works out the output size (`windowCount`). `x` is `[C, H, W]` or `[N, C, H, W]`.
 */
export function poolPlan(
  op: string,
  x: Tensor,
  kernelSize: IntPair,
  stride: IntPair | null | undefined,
  padding: IntPair,
  dilation: IntPair,
  ceilMode: boolean,
): PoolPlan {
  if ((x.ndim !== 3 && x.ndim !== 4) || x.shape.slice(-3).some((s) => s === 0)) {
    fail(
      op,
      `non-empty 3D or 4D (batch mode) tensor expected for input, but got input of size ${fmt(x.shape)}`,
    );
  }
  const kernel = pairOf(op, 'kernelSize', kernelSize);
  // stride defaults to the kernel size (PyTorch's stride=None)
  const steps = pairOf(op, 'stride', stride ?? kernel);
  const pads = pairOf(op, 'padding', padding);
  const dil = pairOf(op, 'dilation', dilation);
  if (kernel.some((k) => k <= 0)) {
    fail(op, `kernel size should be greater than zero, but got kH: ${kernel[0]} kW: ${kernel[1]}`);
  }
  if (steps.some((s) => s <= 0)) {
    fail(op, `stride should be greater than zero, but got dH: ${steps[0]} dW: ${steps[1]}`);
  }
  if (pads.some((p) => p < 0)) fail(op, `pad must be non-negative, but got pad: ${fmt(pads)}`);
  if (dil.some((d) => d <= 0)) {
    fail(
      op,
      `dilation should be greater than zero, but got dilationH: ${dil[0]} dilationW: ${dil[1]}`,
    );
  }
  const tooWide = pads.findIndex((p, i) => p > Math.floor((kernel[i] as number) / 2));
  if (tooWide >= 0) {
    fail(
      op,
      `pad should be at most half of kernel size, but got pad=${pads[tooWide]} and kernel_size=${kernel[tooWide]}`,
    );
  }
  const [c, h, w] = x.shape.slice(-3) as [number, number, number];
  const counts = [h, w].map((size, i) =>
    windowCount(
      size,
      kernel[i] as number,
      pads[i] as number,
      pads[i] as number,
      steps[i] as number,
      dil[i] as number,
      ceilMode,
    ),
  );
  if (counts.some((n) => n < 1)) {
    fail(
      op,
      `Given input size: (${c}x${h}x${w}). Calculated output size: (${c}x${counts[0]}x${counts[1]}). Output size is too small`,
    );
  }
  const [rows, cols] = [h, w].map((size, i) =>
    span(
      size,
      kernel[i] as number,
      pads[i] as number,
      steps[i] as number,
      dil[i] as number,
      counts[i] as number,
    ),
  ) as [WindowSpan, WindowSpan];
  return { kernel, stride: steps, padding: pads, dilation: dil, rows, cols };
}
