import type { TypedArray, View } from '@nabla/backend';
import { allocHost } from '@nabla/backend';
import { CpuBuffer } from '../cpu-buffer.js';
import { dense, operand } from '../strided.js';

/**
 * `cond ? a : b` elementwise into a new buffer of `a`'s dtype. Mirrors `torch.where`
 * (broadcasting arrives as stride-0 views; all three shapes are equal).
 */
export function where(cond: View<CpuBuffer>, a: View<CpuBuffer>, b: View<CpuBuffer>): CpuBuffer {
  const dtype = a.buffer.dtype;
  const c = dense(cond);
  const av = operand(a);
  const bv = operand(b);
  const n = c.length;
  const out = allocHost(dtype, n);
  // a scalar side (the 0 of a masked gradient) is read as a number, not spread into an array
  if (typeof av === 'number' && typeof bv === 'number') {
    for (let i = 0; i < n; i++) out[i] = c[i] !== 0 ? av : bv;
  } else if (typeof av === 'number') {
    for (let i = 0; i < n; i++) out[i] = c[i] !== 0 ? av : ((bv as TypedArray)[i] as number);
  } else if (typeof bv === 'number') {
    for (let i = 0; i < n; i++) out[i] = c[i] !== 0 ? (av[i] as number) : bv;
  } else {
    for (let i = 0; i < n; i++) out[i] = (c[i] !== 0 ? av[i] : bv[i]) as number;
  }
  return new CpuBuffer(dtype, out);
}
