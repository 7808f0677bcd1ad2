import type { View } from '@nabla/backend';
import { CpuBuffer } from '../cpu-buffer.js';
import { dense, splitAxis } from '../strided.js';

/**
 * `torch.log_softmax(x, axis)` of a float32 view: `x - max - log(sum(exp(x - max)))` along
 * `axis`, in doubles, rounded once. Unlike `log(softmax(x))` it stays finite for very
 * negative inputs; a NaN in a slice, or a slice that is all -inf (or holds +inf), gives NaN
 * for the whole slice, as in PyTorch.
 *
 * x: [..., n, ...] -> the same shape
 */
export function logSoftmax(x: View<CpuBuffer>, axis: number): CpuBuffer {
  const xs = dense(x);
  const { outer, n, inner } = splitAxis(x.shape, axis);
  const out = new Float32Array(xs.length);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const at = (k: number): number => (o * n + k) * inner + j;
      let m = -Infinity;
      for (let k = 0; k < n; k++) m = Math.max(m, xs[at(k)] as number);
      let s = 0;
      for (let k = 0; k < n; k++) s += Math.exp((xs[at(k)] as number) - m);
      const ls = Math.log(s);
      for (let k = 0; k < n; k++) out[at(k)] = (xs[at(k)] as number) - m - ls;
    }
  }
  return new CpuBuffer('float32', out);
}
