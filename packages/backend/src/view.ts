import type { Shape } from './shape.js';
import { contiguousStrides } from './shape.js';

/**
 * A strided window onto a backend buffer: element `[i0, i1, ...]` lives at
 * `offset + i0 * strides[0] + i1 * strides[1] + ...`. Strides are in elements and may be
 * 0 (a broadcast dimension) or negative (a flipped one).
 */
export interface View<B> {
  readonly buffer: B;
  readonly shape: Shape;
  readonly strides: readonly number[];
  readonly offset: number;
}

/** The whole of a buffer, read row-major as `shape`. */
export function contiguousView<B>(buffer: B, shape: Shape): View<B> {
  return { buffer, shape, strides: contiguousStrides(shape), offset: 0 };
}

/** True when a view reads its elements row-major, without gaps, from its offset. */
export function isContiguousView(shape: Shape, strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const size = shape[i] as number;
    if (size !== 1 && strides[i] !== expected) return false;
    expected *= size;
  }
  return true;
}

/**
 * Calls `fn(flatOutputIndex, bufferIndex)` for every element of a view, row-major.
 * Backends that run on the host use it as their reference iterator.
 */
export function forEachIndex(view: View<unknown>, fn: (i: number, at: number) => void): void {
  const { shape, strides, offset } = view;
  const nd = shape.length;
  let total = 1;
  for (const s of shape) total *= s;
  if (total === 0) return;
  const idx = new Array<number>(nd).fill(0);
  let at = offset;
  for (let i = 0; i < total; i++) {
    fn(i, at);
    // advance the multi-index, innermost first
    for (let d = nd - 1; d >= 0; d--) {
      const k = (idx[d] as number) + 1;
      if (k < (shape[d] as number)) {
        idx[d] = k;
        at += strides[d] as number;
        break;
      }
      idx[d] = 0;
      at -= (k - 1) * (strides[d] as number);
    }
  }
}

/**
 * True when two different indices of a view reach the same element (ignoring stride-0
 * dimensions, which broadcast on purpose): the windows `unfold` makes overlap this way.
 */
export function hasOverlap(shape: readonly number[], strides: readonly number[]): boolean {
  const dims = shape
    .map((size, i) => ({ size, stride: Math.abs(strides[i] as number) }))
    .filter((d) => d.size > 1 && d.stride !== 0)
    .sort((a, b) => a.stride - b.stride);
  let extent = 0; // the largest offset the smaller dimensions reach
  for (const d of dims) {
    if (d.stride <= extent) return true;
    extent += (d.size - 1) * d.stride;
  }
  return false;
}
