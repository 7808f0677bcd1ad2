import type { View } from '@nabla/backend';
import { numel } from '@nabla/backend';
import { reducedStrides, walk } from '../codegen/index-math.js';
import { KernelSource } from '../codegen/kernel-source.js';
import { viewKey } from '../codegen/signature.js';
import { expOfDifference } from '../codegen/two-sum.js';
import type { Plan } from '../device.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';
import { softmaxStats } from './softmax-stats.js';

/**
 * `torch.softmax(x, axis)` of a float32 view: `exp(x - max) / sum(exp(x - max))` along `axis`,
 * in two passes (the slice statistics, then one thread per element). Subtracting the max keeps
 * large inputs finite; a NaN in a slice, or a slice that is all -inf (or holds +inf), gives NaN
 * for the whole slice, as in PyTorch.
 *
 * x: [..., n, ...] -> the same shape
 */
export function softmax(ctx: KernelContext, x: View<GpuBuffer>, axis: number): GpuBuffer {
  return normalize(
    ctx,
    'softmax',
    x,
    axis,
    (src, v, m, t) => `${expOfDifference(src, v, m)} / (1 + ${t})`,
  );
}

/**
 * The second pass shared with log-softmax (`name` tells them apart in the kernel cache):
 * `f(src, x, max, rest)` for every element, reading its slice's statistics (see
 * {@link softmaxStats}: `rest` is `sum(exp(x - max)) - 1`).
 */
export function normalize(
  ctx: KernelContext,
  name: string,
  x: View<GpuBuffer>,
  axis: number,
  f: (src: KernelSource, v: string, max: string, rest: string) => string,
): GpuBuffer {
  const size = numel(x.shape);
  if (size === 0) return ctx.output('float32', 0, new Float32Array(0));
  const stats = softmaxStats(ctx, x, axis);
  const plan = (): Plan => {
    const src = new KernelSource(['x', 'st']);
    const i = src.let('this.thread.x', 'i');
    const slot = { strides: reducedStrides(x.shape, (d) => d === axis), offset: 0 };
    const [at, sAt] = walk(src, i, x.shape, [x, slot], ['x', 'st']);
    const v = src.let(`x[${at}]`, 'x');
    const m = src.let(`st[${sAt}]`, 'm');
    const t = src.let(`st[${sAt} + ${src.constant('stn', stats.slices)}]`, 's');
    return { source: src, result: f(src, v, m, t), length: size };
  };
  const data = ctx.device.run(`${name} ${axis} ${viewKey(x)}`, plan, [x.buffer.data, stats.data]);
  ctx.device.release(stats.data);
  return ctx.output('float32', size, data);
}
