import type { View } from '@nabla/backend';
import { CpuBuffer } from '../cpu-buffer.js';
import { dense } from '../strided.js';
import { channelSplit, perChannel } from './batch-norm.js';

/**
 * The gradients of {@link batchNorm} (PyTorch's `native_batch_norm_backward`), with
 * `xhat = (x - mean[c]) * invstd[c]` and `M` elements per channel: per channel, in doubles,
 * `gb = sum(grad)` and `gw = sum(grad * xhat)`; then `gx = weight[c] * invstd[c] * (grad -
 * gb / M - xhat * gw / M)` in training (through the batch statistics), or
 * `grad * invstd[c] * weight[c]` in evaluation. A missing weight is 1.
 *
 * grad, x: [N, C, ...], mean / invstd / weight: [C] -> gx [N, C, ...], gw [C], gb [C]
 */
export function batchNormBackward(
  grad: View<CpuBuffer>,
  x: View<CpuBuffer>,
  mean: View<CpuBuffer>,
  invstd: View<CpuBuffer>,
  weight: View<CpuBuffer> | null,
  training: boolean,
): [gx: CpuBuffer, gw: CpuBuffer, gb: CpuBuffer] {
  const gs = dense(grad) as Float32Array;
  const xs = dense(x) as Float32Array;
  const { n, c, l } = channelSplit(x.shape);
  const count = n * l;
  const [mu, is, w] = [perChannel(mean, c, 0), perChannel(invstd, c, 1), perChannel(weight, c, 1)];
  const gx = new Float32Array(xs.length);
  const gw = new Float32Array(c);
  const gb = new Float32Array(c);
  for (let ch = 0; ch < c; ch++) {
    const m = mu[ch] as number;
    const s = is[ch] as number;
    let sg = 0;
    let sgx = 0;
    for (let i = 0; i < n; i++) {
      const start = (i * c + ch) * l;
      for (let k = start; k < start + l; k++) {
        const g = gs[k] as number;
        sg += g;
        sgx += g * ((xs[k] as number) - m) * s;
      }
    }
    gb[ch] = sg;
    gw[ch] = sgx;
    const a = s * (w[ch] as number);
    // training: gx = a * (g - sg / M - xhat * sgx / M); evaluation: gx = a * g
    const meanG = training ? sg / count : 0;
    const slope = training ? (sgx / count) * s : 0;
    for (let i = 0; i < n; i++) {
      const start = (i * c + ch) * l;
      for (let k = start; k < start + l; k++) {
        gx[k] = a * ((gs[k] as number) - meanG - ((xs[k] as number) - m) * slope);
      }
    }
  }
  return [new CpuBuffer('float32', gx), new CpuBuffer('float32', gw), new CpuBuffer('float32', gb)];
}
