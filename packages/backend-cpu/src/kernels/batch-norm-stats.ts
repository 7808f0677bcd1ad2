import type { View } from '@nabla/backend';
import { CpuBuffer } from '../cpu-buffer.js';
import { dense } from '../strided.js';
import { channelSplit } from './batch-norm.js';

/**
 * The batch statistics of batch norm in training, of a float32 view: per channel, the mean and
 * the biased variance (the mean of `(x - mean)^2`) over the batch and every dimension after
 * the channels, each summed in doubles in two passes (no cancellation) and rounded once.
 *
 * x: [N, C, ...] -> mean [C], variance [C]
 */
export function batchNormStats(x: View<CpuBuffer>): [mean: CpuBuffer, variance: CpuBuffer] {
  const xs = dense(x) as Float32Array;
  const { n, c, l } = channelSplit(x.shape);
  const count = n * l;
  const mean = new Float32Array(c);
  const variance = new Float32Array(c);
  for (let ch = 0; ch < c; ch++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const start = (i * c + ch) * l;
      for (let k = start; k < start + l; k++) s += xs[k] as number;
    }
    const m = s / count;
    let q = 0;
    for (let i = 0; i < n; i++) {
      const start = (i * c + ch) * l;
      for (let k = start; k < start + l; k++) {
        const d = (xs[k] as number) - m;
        q += d * d;
      }
    }
    mean[ch] = m;
    variance[ch] = q / count;
  }
  return [new CpuBuffer('float32', mean), new CpuBuffer('float32', variance)];
}
