import type { Conv2dParams, Shape, View } from '@nabla/backend';
import { numel } from '@nabla/backend';
import { CompensatedSum } from '../codegen/compensated-sum.js';
import { divide, gridIndex } from '../codegen/grid.js';
import { KernelSource } from '../codegen/kernel-source.js';
import { viewKey } from '../codegen/signature.js';
import type { Plan } from '../device.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';
import { type Planes, releasePlanes, windowPlanes } from './pad-planes.js';

/**
 * The gradient of {@link conv2d} with respect to its weight (`torch.nn.grad.conv2d_weight`):
 * one thread per weight element sums, over the batch and every output position, the output
 * gradient times the input element that weight met there: `N * Ho * Wo` products in
 * constant-bound loops, compensated (Kahan), so a long sum keeps float32 accuracy. Windows
 * reaching past the input read a zero-padded copy, as in the forward pass.
 *
 * grad: [N, O, Ho, Wo], x: [N, C, H, W] -> weightShape [O, C / groups, kH, kW]
 */
export function conv2dBackwardWeight(
  ctx: KernelContext,
  grad: View<GpuBuffer>,
  x: View<GpuBuffer>,
  weightShape: Shape,
  p: Conv2dParams,
): GpuBuffer {
  const [, , kh, kw] = weightShape as [number, number, number, number];
  const size = numel(weightShape);
  if (size === 0) return ctx.output('float32', 0, new Float32Array(0));
  if (numel(grad.shape) === 0 || numel(x.shape) === 0) return ctx.fill('float32', size, 0);
  const planes = windowPlanes(ctx, x, [kh, kw], p);
  const signature = [
    'conv2d-backward-weight',
    ctx.device.twoD,
    planes.key,
    viewKey(grad),
    `[${weightShape.join()}]`,
    JSON.stringify(p),
  ].join(' ');
  const plan = (): Plan => weightPlan(ctx.device.twoD, grad, planes, weightShape, p);
  try {
    return ctx.output(
      'float32',
      size,
      ctx.device.run(signature, plan, [grad.buffer.data, planes.data]),
    );
  } finally {
    releasePlanes(ctx, planes);
  }
}

/** One thread per weight element: a row per output channel, a column per `(c, i, j)`. */
function weightPlan(
  twoD: boolean,
  grad: View<GpuBuffer>,
  planes: Planes,
  weightShape: Shape,
  p: Conv2dParams,
): Plan {
  const [o, cg, kh, kw] = weightShape as [number, number, number, number];
  const [n, , ho, wo] = grad.shape as [number, number, number, number];
  const [gn, gc, gh, gw] = grad.strides as [number, number, number, number];
  const [xn, xc, xh, xw] = planes.strides;
  const src = new KernelSource(['g', 'x']);
  const { row: channel, col } = gridIndex(src, twoD, cg * kh * kw);
  const group = src.let(`Math.floor(${channel} / ${src.constant('og', o / p.groups)})`, 'g');
  const [k, rest] = divide(src, col, 'khw', kh * kw);
  const [i, j] = divide(src, rest, 'kw', kw);
  // x [n][g * C/groups + k][y * stride + i * dilation][x * stride + j * dilation]
  const xBase = src.let(
    [
      src.constant('xo', planes.offset),
      `${group} * ${src.constant('xg', cg * xc)}`,
      `${k} * ${src.constant('xc', xc)}`,
      `${i} * ${src.constant('xi', p.dilation[0] * xh)}`,
      `${j} * ${src.constant('xj', p.dilation[1] * xw)}`,
    ].join(' + '),
    'at',
  );
  const gBase = src.let(
    `${src.constant('go', grad.offset)} + ${channel} * ${src.constant('gc', gc)}`,
    'at',
  );
  const sum = new CompensatedSum(src, '0');
  src.block(`for (let b = 0; b < ${src.constant('n', n)}; b++)`, () => {
    const xb = src.let(`${xBase} + b * ${src.constant('xn', xn)}`, 'at');
    const gb = src.let(`${gBase} + b * ${src.constant('gn', gn)}`, 'at');
    src.block(`for (let y = 0; y < ${src.constant('ho', ho)}; y++)`, () => {
      const xy = src.let(`${xb} + y * ${src.constant('xy', p.stride[0] * xh)}`, 'at');
      const gy = src.let(`${gb} + y * ${src.constant('gh', gh)}`, 'at');
      src.block(`for (let q = 0; q < ${src.constant('wo', wo)}; q++)`, () => {
        const xq = `${xy} + q * ${src.constant('xq', p.stride[1] * xw)}`;
        const gq = `${gy} + q * ${src.constant('gw', gw)}`;
        sum.add(`g[${gq}] * x[${xq}]`);
      });
    });
  });
  return { source: src, result: sum.result(), length: numel(weightShape), rows: o };
}
