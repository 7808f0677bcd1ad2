import type { View } from '@nabla/backend';
import { CpuBuffer } from '../cpu-buffer.js';
import { dense, numelOf } from '../strided.js';

/**
 * The reference batched matrix product of float32 views, `torch.matmul` for operands of two or
 * more dimensions with equal batch dimensions. Each output row accumulates in doubles (i-k-j
 * loop order, so the inner loop runs along rows of `b` and of the output) and rounds once, so
 * it is the exact product rounded, up to double rounding. NaN and inf propagate as in IEEE
 * arithmetic (no skipping of zeros). Slow (about 1 GFLOPS): {@link matmul} uses it for small
 * products, and the tests hold the fast kernel against it.
 *
 * a: [..., M, K], b: [..., K, N] -> [..., M, N]
 */
export function matmulReference(a: View<CpuBuffer>, b: View<CpuBuffer>): CpuBuffer {
  const r = a.shape.length;
  const m = a.shape[r - 2] as number;
  const k = a.shape[r - 1] as number;
  const n = b.shape[b.shape.length - 1] as number;
  const batch = numelOf(a.shape.slice(0, r - 2));
  const av = dense(a);
  const bv = dense(b);
  const out = new Float32Array(batch * m * n);
  const row = new Float64Array(n);
  for (let t = 0; t < batch; t++) {
    const a0 = t * m * k;
    const b0 = t * k * n;
    for (let i = 0; i < m; i++) {
      row.fill(0);
      for (let p = 0; p < k; p++) {
        const aip = av[a0 + i * k + p] as number;
        const bp = b0 + p * n;
        for (let j = 0; j < n; j++) row[j] = (row[j] as number) + aip * (bv[bp + j] as number);
      }
      out.set(row, (t * m + i) * n);
    }
  }
  return new CpuBuffer('float32', out);
}
