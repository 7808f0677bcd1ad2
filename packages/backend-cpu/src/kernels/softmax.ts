import type { View } from '@nabla/backend';
import { CpuBuffer } from '../cpu-buffer.js';
import { dense, splitAxis } from '../strided.js';

/**
 * `torch.softmax(x, axis)` of a float32 view: `exp(x - max) / sum(exp(x - max))` along `axis`,
 * in doubles, rounded once. Subtracting the max keeps large inputs finite; a NaN in a slice, or
 * a slice that is all -inf (or holds +inf), gives NaN for the whole slice, as in PyTorch.
 *
 * x: [..., n, ...] -> the same shape
 */
export function softmax(x: View<CpuBuffer>, axis: number): CpuBuffer {
  const xs = dense(x);
  const { outer, n, inner } = splitAxis(x.shape, axis);
  const out = new Float32Array(xs.length);
  const e = new Float64Array(n);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const at = (k: number): number => (o * n + k) * inner + j;
      let m = -Infinity;
      for (let k = 0; k < n; k++) m = Math.max(m, xs[at(k)] as number);
      let s = 0;
      for (let k = 0; k < n; k++) {
        e[k] = Math.exp((xs[at(k)] as number) - m);
        s += e[k] as number;
      }
      for (let k = 0; k < n; k++) out[at(k)] = (e[k] as number) / s;
    }
  }
  return new CpuBuffer('float32', out);
}
