import type { View } from '@nabla/backend';
import { numel } from '@nabla/backend';
import { divide } from '../codegen/grid.js';
import { KernelSource } from '../codegen/kernel-source.js';
import type { Plan } from '../device.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';
import { channelAt, channelSplit, denseAt, denseView, operandsKey } from './channel-sums.js';

/**
 * `torch.nn.functional.batch_norm` with settled statistics, of a float32 view:
 * `y = (x - mean[c]) * invstd[c] * weight[c] + bias[c]`, one thread per element (a missing
 * weight is 1, a missing bias 0). A non-contiguous `x` is copied first.
 *
 * x: [N, C, ...], mean / invstd / weight / bias: [C] -> [N, C, ...]
 */
export function batchNorm(
  ctx: KernelContext,
  x: View<GpuBuffer>,
  mean: View<GpuBuffer>,
  invstd: View<GpuBuffer>,
  weight: View<GpuBuffer> | null,
  bias: View<GpuBuffer> | null,
): GpuBuffer {
  const size = numel(x.shape);
  if (size === 0) return ctx.output('float32', 0, new Float32Array(0));
  const { view, done } = denseView(ctx, x);
  const xs = { name: 'x', view };
  const channels = [
    { name: 'mu', view: mean },
    { name: 'is', view: invstd },
    ...(weight === null ? [] : [{ name: 'w', view: weight }]),
    ...(bias === null ? [] : [{ name: 'b', view: bias }]),
  ];
  const plan = (): Plan => {
    const src = new KernelSource(['x', ...channels.map((o) => o.name)]);
    const i = src.let('this.thread.x', 'i');
    const ch = channelOf(src, i, x.shape);
    const read = (name: string): string | null => {
      const o = channels.find((k) => k.name === name);
      return o === undefined ? null : channelAt(src, o, ch);
    };
    let y = src.let(`(${denseAt(src, xs, i)} - ${read('mu')}) * ${read('is')}`, 'y');
    const [w, b] = [read('w'), read('b')];
    if (w !== null) y = src.let(`${y} * ${w}`, 'y');
    if (b !== null) y = src.let(`${y} + ${b}`, 'y');
    return { source: src, result: y, length: size };
  };
  try {
    const key = `batch-norm ${channels.map((o) => o.name).join()} ${operandsKey([view, ...channels.map((o) => o.view)])}`;
    const data = ctx.device.run(
      key,
      plan,
      [view, ...channels.map((o) => o.view)].map((v) => v.buffer.data),
    );
    return ctx.output('float32', size, data);
  } finally {
    done();
  }
}

/** The channel of flat element `i` of a contiguous `[N, C, ...]`. */
export function channelOf(src: KernelSource, i: string, shape: readonly number[]): string {
  const { c, l } = channelSplit(shape);
  const [row] = divide(src, i, 'l', l);
  return divide(src, row, 'c', c)[1];
}
