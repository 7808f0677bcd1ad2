import type { ArgReduceOp, View } from '@nabla/backend';
import { CpuBuffer } from '../cpu-buffer.js';
import { dense, splitAxis } from '../strided.js';

/**
 * The int32 index along `axis` of the largest (`argmax`) or smallest (`argmin`) element,
 * keeping `axis` as size 1. Mirrors `torch.argmax` / `torch.argmin` with `keepdim=True`: the
 * first index wins on ties, and a NaN counts as the extreme for both ops (the first NaN wins).
 * An empty axis gives 0 (PyTorch raises; the tensor layer checks first).
 *
 * x: [..., n, ...] -> [..., 1, ...] (int32)
 */
export function argReduce(op: ArgReduceOp, x: View<CpuBuffer>, axis: number): CpuBuffer {
  const xs = dense(x);
  const { outer, n, inner } = splitAxis(x.shape, axis);
  const out = new Int32Array(outer * inner);
  const better =
    op === 'argmax' ? (v: number, best: number) => v > best : (v: number, best: number) => v < best;
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      let bestK = 0;
      let best = xs[o * n * inner + j] as number;
      for (let k = 1; k < n && !Number.isNaN(best); k++) {
        const v = xs[(o * n + k) * inner + j] as number;
        // NaN beats every number, and nothing beats it (the loop stops).
        if (Number.isNaN(v) || better(v, best)) {
          best = v;
          bestK = k;
        }
      }
      out[o * inner + j] = bestK;
    }
  }
  return new CpuBuffer('int32', out);
}
