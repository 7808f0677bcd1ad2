import type { Conv2dParams, View } from '@nabla/backend';
import { numel } from '@nabla/backend';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';
import { cast } from './cast.js';
import { conv2dTiled } from './conv2d-tiled.js';
import { convCorrelation, correlate } from './correlate.js';
import { TILED_MIN_WORK, TILED_MODES } from './matmul.js';
import { releasePlanes, windowPlanes } from './pad-planes.js';

/**
 * Which kernel computes a convolution: `'auto'` takes the tiled one ({@link conv2dTiled}: four
 * adjacent output columns per thread) in the GL modes (matmul's `TILED_MODES`) and in webasm
 * (where it gives the one-output kernel's bits, about 2.5x faster), for
 * convolutions of at least 64^3 multiply-adds with `Wo >= 4` and windows at most
 * {@link TILED_MAX_KW} wide, and the one-output kernel otherwise; `'simple'` and `'tiled'`
 * force one (tests, benchmarks).
 */
export type Conv2dPath = 'auto' | 'simple' | 'tiled';

/** The widest window `'auto'` gives the tiled kernel (its taps are unrolled in the source). */
export const TILED_MAX_KW = 8;

/**
 * `torch.nn.functional.conv2d`: the cross-correlation of float32 `x` with `weight` in
 * `p.groups` channel groups, plus `bias[o]` when given. One thread per output element sums its
 * `C/groups * kH * kW` products directly (compensated, as matmul's dot products are: float32
 * modes lose no accuracy to the window's size), reading `x` and `weight` through their strides;
 * where windows reach past the input (padding, or an `outSize` beyond the last full window),
 * a zero-padded copy of `x` is made first, so that no product needs a bounds check. Large
 * convolutions in the GL modes go to the tiled kernel instead (see {@link Conv2dPath}).
 *
 * x: [N, C, H, W], weight: [O, C / groups, kH, kW], bias: [O] | null -> [N, O, Ho, Wo]
 */
export function conv2d(
  ctx: KernelContext,
  x: View<GpuBuffer>,
  weight: View<GpuBuffer>,
  bias: View<GpuBuffer> | null,
  p: Conv2dParams,
  path: Conv2dPath = 'auto',
): GpuBuffer {
  const n = x.shape[0] as number;
  const [o, cg, kh, kw] = weight.shape as [number, number, number, number];
  const [ho, wo] = p.outSize;
  const out = [n, o, ho, wo] as const;
  if (numel(out) === 0) return ctx.output('float32', 0, new Float32Array(0));
  if (numel(x.shape) === 0 || numel(weight.shape) === 0) {
    // no products: the bias alone (broadcast over [N, ., Ho, Wo]), or zeros
    if (bias === null) return ctx.fill('float32', numel(out), 0);
    const strides = [0, bias.strides[0] as number, 0, 0];
    return cast(ctx, { buffer: bias.buffer, shape: out, strides, offset: bias.offset }, 'float32');
  }
  const tiled =
    path === 'tiled' ||
    (path === 'auto' &&
      (TILED_MODES.includes(ctx.device.mode) || ctx.device.mode === 'webasm') &&
      wo >= 4 &&
      kw <= TILED_MAX_KW &&
      numel(out) * cg * kh * kw >= TILED_MIN_WORK);
  if (tiled) return conv2dTiled(ctx, x, weight, bias, p);
  const planes = windowPlanes(ctx, x, [kh, kw], p);
  try {
    return correlate(ctx, 'conv2d', planes, weight, bias, convCorrelation(n, weight, p));
  } finally {
    releasePlanes(ctx, planes);
  }
}
