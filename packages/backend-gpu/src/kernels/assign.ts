import type { View } from '@nabla/backend';
import { contiguousStrides, hasOverlap, numel } from '@nabla/backend';
import { walk } from '../codegen/index-math.js';
import { intSelect } from '../codegen/int32.js';
import { KernelSource } from '../codegen/kernel-source.js';
import { viewKey } from '../codegen/signature.js';
import { float, int, Output, readElement } from '../codegen/values.js';
import type { Plan } from '../device.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';

/**
 * Writes `src` into the elements of `dst` in place (same shape and dtype; `src` may be a
 * stride-0 broadcast). Mirrors `dst.copy_(src)`, the kernel behind `x[...] = value`.
 *
 * GPU outputs are new arrays, so the kernel computes the whole of `dst`'s buffer anew, and the
 * buffer then holds the new array (the old one is freed): the thread of buffer position `q`
 * inverts `dst`'s strides (largest first: no two elements of a non-overlapping view share a
 * position, so the digits are unique) to find which element of the view, if any, lives at `q`,
 * and takes that element of `src`, or keeps the old value. `src` is read before anything is
 * written, so the two may share a buffer. A destination whose elements overlap (a stride-0
 * dimension, `unfold` windows) is an error, as PyTorch's in-place writes into it are.
 *
 * dst: a view of [size] floats, src: dst's shape -> dst's buffer, replaced
 */
export function assign(ctx: KernelContext, dst: View<GpuBuffer>, src: View<GpuBuffer>): void {
  if (numel(dst.shape) === 0) return;
  if (
    hasOverlap(dst.shape, dst.strides) ||
    dst.shape.some((s, d) => s > 1 && dst.strides[d] === 0)
  ) {
    throw new Error(
      `assign: more than one element of the destination view [${dst.shape.join(', ')}] ` +
        `(strides [${dst.strides.join(', ')}]) refers to the same memory location`,
    );
  }
  const signature = `assign ${viewKey(dst)} ${viewKey(src)}`;
  const plan = (): Plan => assignPlan(dst, src);
  ctx.memory.replace(
    dst.buffer,
    ctx.device.run(signature, plan, [dst.buffer.data, src.buffer.data]),
  );
}

/** The source of one assign kernel: one thread per element of `dst`'s whole buffer. */
function assignPlan(dst: View<GpuBuffer>, src: View<GpuBuffer>): Plan {
  const { dtype, size } = dst.buffer;
  const k = new KernelSource(['d', 's']);
  const out = new Output(k, dtype, size);
  const old = readElement(k, 'd', dtype, out.flat, size);

  // the lowest position the view reaches: negative strides start from their far end
  const dims = dst.shape
    .map((n, d) => ({ d, n, stride: dst.strides[d] as number }))
    .filter((e) => e.n > 1)
    .sort((x, y) => Math.abs(y.stride) - Math.abs(x.stride));
  const low = dims.reduce((at, e) => at + (e.stride < 0 ? (e.n - 1) * e.stride : 0), dst.offset);
  let rest = k.let(`${out.flat} - ${k.constant('low', low)}`, 'r');
  const covered = [`${rest} >= 0`];
  const rowMajor = contiguousStrides(dst.shape);
  const terms: string[] = [];
  dims.forEach((e, j) => {
    const stride = k.constant(`as${j}`, Math.abs(e.stride));
    const count = k.constant(`an${j}`, e.n);
    const digit = k.let(`Math.floor(${rest} / ${stride})`, 'c');
    covered.push(`${digit} < ${count}`);
    rest = k.let(`${rest} - ${digit} * ${stride}`, 'r');
    const i = e.stride > 0 ? digit : k.let(`${count} - 1 - ${digit}`, 'c');
    terms.push(`${i} * ${k.constant(`ar${j}`, rowMajor[e.d] as number)}`);
  });
  covered.push(`${rest} == 0`);
  const hit = k.let(`(${covered.join(' && ')}) ? 1 : 0`, 'hit');
  // the element's row-major number in the view (0 where nothing lands, to read in bounds)
  const flat = k.let(`${hit} == 1 ? ${terms.length > 0 ? terms.join(' + ') : '0'} : 0`, 'f');
  const [at] = walk(k, flat, dst.shape, [src], ['s'], 'sv');
  const v = readElement(k, 's', dtype, at as string, src.buffer.size);
  const picked =
    v.kind === 'int' && old.kind === 'int'
      ? int(intSelect(k, `${hit} == 1`, v, old))
      : float(
          `${hit} == 1 ? ${v.kind === 'float' ? v.x : '0'} : ${old.kind === 'float' ? old.x : '0'}`,
        );
  return { source: k, result: out.result(picked), length: out.length };
}
