import type { View } from '@nabla/backend';
import { allocHost } from '@nabla/backend';
import { CpuBuffer } from '../cpu-buffer.js';
import { dense } from '../strided.js';

/**
 * `cond ? a : b` elementwise into a new buffer of `a`'s dtype. Mirrors `torch.where`
 * (broadcasting arrives as stride-0 views; all three shapes are equal).
 */
export function where(cond: View<CpuBuffer>, a: View<CpuBuffer>, b: View<CpuBuffer>): CpuBuffer {
  const dtype = a.buffer.dtype;
  const c = dense(cond);
  const av = dense(a);
  const bv = dense(b);
  const out = allocHost(dtype, c.length);
  for (let i = 0; i < c.length; i++) out[i] = (c[i] !== 0 ? av[i] : bv[i]) as number;
  return new CpuBuffer(dtype, out);
}
