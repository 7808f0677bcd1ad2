import type { Shape, TypedArray, View } from '@nabla/backend';
import { allocHost, forEachIndex, isContiguousView } from '@nabla/backend';
import type { CpuBuffer } from './cpu-buffer.js';
import { gatherStrided } from './strided-copy.js';

/**
 * The elements of a view in row-major order, as an array of the view's dtype. Every kernel
 * reads its inputs through this, so strides (0, negative, gaps) and offsets are handled in one
 * place. When the view is already contiguous the result is a `subarray` of the buffer (no copy):
 * callers only read it, and a kernel that writes into a buffer it also reads (`assign`) must
 * ask for a copy.
 */
export function dense(x: View<CpuBuffer>, copy = false): TypedArray {
  const { data, dtype } = x.buffer;
  const n = numelOf(x.shape);
  if (isContiguousView(x.shape, x.strides)) {
    const run = data.subarray(x.offset, x.offset + n);
    return copy ? run.slice() : run;
  }
  const out = allocHost(dtype, n);
  if (isScalarBroadcast(x.shape, x.strides)) {
    out.fill(data[x.offset] as number);
    return out;
  }
  gatherStrided(data, x.shape, x.strides, x.offset, out);
  return out;
}

/**
 * True when every element of a view is the one at its offset: each dimension of size over 1
 * has stride 0 (a scalar broadcast by `expand`). A view with no elements is not one.
 */
export function isScalarBroadcast(shape: Shape, strides: readonly number[]): boolean {
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d] as number;
    if (size === 0) return false;
    if (size !== 1 && strides[d] !== 0) return false;
  }
  return true;
}

/** The number of elements of a shape. */
export function numelOf(shape: Shape): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/**
 * Splits a shape around `axis` into the sizes a row-major loop needs:
 * `[...before, n, ...after]` -> `{ outer: prod(before), n, inner: prod(after) }`,
 * so element `(o, k, j)` sits at `(o * n + k) * inner + j`.
 */
export function splitAxis(shape: Shape, axis: number): { outer: number; n: number; inner: number } {
  return {
    outer: numelOf(shape.slice(0, axis)),
    n: shape[axis] as number,
    inner: numelOf(shape.slice(axis + 1)),
  };
}

/** `shape` with each of `axes` set to 1, the shape of a reduction that keeps its dimensions. */
export function keepDims(shape: Shape, axes: readonly number[]): number[] {
  return shape.map((s, d) => (axes.includes(d) ? 1 : s));
}

/**
 * Calls `fn(i, at)` for every multi-index of `shape`, row-major, where `i` counts elements and
 * `at = offset + sum(index[d] * strides[d])`. This is {@link forEachIndex} on bare strides: with
 * strides that are not a buffer's (zeroed on some axes, say) it maps one layout onto another.
 */
export function forEachOffset(
  shape: Shape,
  strides: readonly number[],
  offset: number,
  fn: (i: number, at: number) => void,
): void {
  forEachIndex({ buffer: null, shape, strides, offset }, fn);
}

/**
 * An operand as the fast paths read it: a number when the view is a scalar broadcast (every
 * element is the one at its offset), else its elements row-major (a `subarray` of the buffer,
 * not a copy, when the view is contiguous).
 */
export function operand(x: View<CpuBuffer>): TypedArray | number {
  if (isScalarBroadcast(x.shape, x.strides)) return x.buffer.data[x.offset] as number;
  return dense(x);
}
