import type { View } from '@nabla/backend';
import { numel } from '@nabla/backend';
import { KernelSource } from '../codegen/kernel-source.js';
import type { Plan } from '../device.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';
import { channelOf } from './batch-norm.js';
import {
  type ChannelOperand,
  channelAt,
  channelSplit,
  channelSums,
  denseAt,
  denseView,
  operandsKey,
} from './channel-sums.js';

/**
 * The gradients of {@link batchNorm} (PyTorch's `native_batch_norm_backward`), with
 * `xhat = (x - mean[c]) * invstd[c]` and `M` elements per channel: per channel, one thread
 * each with compensated (Kahan) sums, `gb = sum(grad)` and `gw = sum(grad * xhat)`; then one
 * thread per element, `gx = weight[c] * invstd[c] * (grad - gb / M - xhat * gw / M)` in
 * training (through the batch statistics), or `grad * invstd[c] * weight[c]` in evaluation. A
 * missing weight is 1; non-contiguous `grad` and `x` are copied first.
 *
 * grad, x: [N, C, ...], mean / invstd / weight: [C] -> gx [N, C, ...], gw [C], gb [C]
 */
export function batchNormBackward(
  ctx: KernelContext,
  grad: View<GpuBuffer>,
  x: View<GpuBuffer>,
  mean: View<GpuBuffer>,
  invstd: View<GpuBuffer>,
  weight: View<GpuBuffer> | null,
  training: boolean,
): [gx: GpuBuffer, gw: GpuBuffer, gb: GpuBuffer] {
  const size = numel(x.shape);
  const { n, c, l } = channelSplit(x.shape);
  if (size === 0) {
    const empty = ctx.output('float32', 0, new Float32Array(0));
    return [empty, ctx.fill('float32', c, 0), ctx.fill('float32', c, 0)];
  }
  const g = denseView(ctx, grad);
  const xd = denseView(ctx, x);
  const [gs, xs] = [
    { name: 'g', view: g.view },
    { name: 'x', view: xd.view },
  ];
  const [ms, is] = [
    { name: 'mu', view: mean },
    { name: 'is', view: invstd },
  ];
  try {
    const same = (_: KernelSource, sum: string): string => sum;
    const gb = ctx.output(
      'float32',
      c,
      channelSums(ctx, 'batch-norm-grad-bias', [gs], [], (src, at) => denseAt(src, gs, at), same),
    );
    const gwData = channelSums(
      ctx,
      'batch-norm-grad-weight',
      [gs, xs],
      [ms, is],
      (src, at, ch) => {
        const h = `(${denseAt(src, xs, at)} - ${channelAt(src, ms, ch)}) * ${channelAt(src, is, ch)}`;
        return `${denseAt(src, gs, at)} * ${src.let(h, 'h')}`;
      },
      same,
    );
    const gw = ctx.output('float32', c, gwData);
    const sums = (name: string, buffer: GpuBuffer): ChannelOperand => ({
      name,
      view: { buffer, shape: [c], strides: [1], offset: 0 },
    });
    const channels = [
      ms,
      is,
      ...(weight === null ? [] : [{ name: 'w', view: weight }]),
      ...(training ? [sums('sg', gb), sums('sgx', gw)] : []),
    ];
    const plan = (): Plan => {
      const src = new KernelSource(['g', 'x', ...channels.map((o) => o.name)]);
      const i = src.let('this.thread.x', 'i');
      const ch = channelOf(src, i, x.shape);
      const read = (name: string): string => {
        const o = channels.find((k) => k.name === name);
        return o === undefined ? '1' : src.let(channelAt(src, o, ch), name);
      };
      const s = read('is');
      const a = weight === null ? s : src.let(`${s} * ${read('w')}`, 'a');
      const gv = src.let(denseAt(src, gs, i), 'g');
      if (!training) return { source: src, result: `${gv} * ${a}`, length: size };
      const m = src.constant('m', n * l);
      const h = src.let(`(${denseAt(src, xs, i)} - ${read('mu')}) * ${s}`, 'h');
      const inner = `${gv} - ${read('sg')} / ${m} - ${h} * (${read('sgx')} / ${m})`;
      return { source: src, result: `${a} * (${inner})`, length: size };
    };
    const views = [g.view, xd.view, ...channels.map((o) => o.view)];
    const key = `batch-norm-grad-input ${training} ${channels.map((o) => o.name).join()} ${operandsKey(views)}`;
    const gx = ctx.output(
      'float32',
      size,
      ctx.device.run(
        key,
        plan,
        views.map((v) => v.buffer.data),
      ),
    );
    return [gx, gw, gb];
  } finally {
    g.done();
    xd.done();
  }
}
