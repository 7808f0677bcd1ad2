import type { View } from '@nabla/backend';
import { numel } from '@nabla/backend';
import type { KernelSource } from '../codegen/kernel-source.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';
import { channelAt, channelSplit, channelSums, denseAt, denseView } from './channel-sums.js';

/**
 * The batch statistics of batch norm in training, of a float32 view: per channel, the mean and
 * the biased variance over the batch and every dimension after the channels, in two passes
 * (the second sums `(x - mean)^2`, so nothing cancels), each one thread per channel with a
 * compensated (Kahan) sum. A non-contiguous `x` is copied first.
 *
 * x: [N, C, ...] -> mean [C], variance [C]
 */
export function batchNormStats(
  ctx: KernelContext,
  x: View<GpuBuffer>,
): [mean: GpuBuffer, variance: GpuBuffer] {
  const { n, c, l } = channelSplit(x.shape);
  if (c === 0) return [ctx.fill('float32', 0, 0), ctx.fill('float32', 0, 0)];
  if (numel(x.shape) === 0) return [ctx.fill('float32', c, NaN), ctx.fill('float32', c, NaN)];
  const { view, done } = denseView(ctx, x);
  const xs = { name: 'x', view };
  const count = (src: KernelSource): string => src.constant('m', n * l);
  try {
    const meanData = channelSums(
      ctx,
      'batch-norm-mean',
      [xs],
      [],
      (src, at) => denseAt(src, xs, at),
      (src, sum) => `${sum} / ${count(src)}`,
    );
    const mean = ctx.output('float32', c, meanData);
    const ms = { name: 'mu', view: { buffer: mean, shape: [c], strides: [1], offset: 0 } };
    const varianceData = channelSums(
      ctx,
      'batch-norm-variance',
      [xs],
      [ms],
      (src, at, ch) => {
        const d = src.let(`${denseAt(src, xs, at)} - ${channelAt(src, ms, ch)}`, 'd');
        return `${d} * ${d}`;
      },
      (src, sum) => `${sum} / ${count(src)}`,
    );
    return [mean, ctx.output('float32', c, varianceData)];
  } finally {
    done();
  }
}
