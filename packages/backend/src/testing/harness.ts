import { expect } from 'vitest';
import type { AnyBackend, BufferLike } from '../backend.js';
import type { DType } from '../dtype.js';
import type { Shape } from '../shape.js';
import { contiguousStrides } from '../shape.js';
import type { View } from '../view.js';

export type { AnyBackend };

/** Gives the suite's one backend instance, made on first use. */
export type GetBackend = () => AnyBackend;

/** A view with a name that says how it lays its elements out. */
export interface NamedView {
  readonly name: string;
  readonly view: View<BufferLike>;
}

/** A view of a buffer with explicit strides and offset. */
export function view(
  buffer: BufferLike,
  shape: Shape,
  strides: readonly number[] = contiguousStrides(shape),
  offset = 0,
): View<BufferLike> {
  return { buffer, shape, strides, offset };
}

/** A new buffer holding `values`, viewed row-major as `shape`. */
export function put(
  be: AnyBackend,
  values: readonly number[],
  shape: Shape,
  dtype: DType,
): View<BufferLike> {
  return view(be.fromValues(values, dtype), shape);
}

/** The number of elements of a shape. */
export function count(shape: Shape): number {
  return shape.reduce((n, s) => n * s, 1);
}

/** The elements of `values` (row-major for `shape`) at their position in `perm`'s order. */
function permuted(values: readonly number[], shape: Shape, perm: readonly number[]): number[] {
  const pShape = perm.map((p) => shape[p] as number);
  const src = contiguousStrides(shape);
  const out: number[] = [];
  const idx = new Array<number>(pShape.length).fill(0);
  for (let i = 0; i < values.length; i++) {
    let at = 0;
    for (let d = 0; d < pShape.length; d++)
      at += (idx[d] as number) * (src[perm[d] as number] as number);
    out.push(values[at] as number);
    for (let d = pShape.length - 1; d >= 0; d--) {
      idx[d] = (idx[d] as number) + 1;
      if ((idx[d] as number) < (pShape[d] as number)) break;
      idx[d] = 0;
    }
  }
  return out;
}

/**
 * Views that all read `values` (row-major for `shape`) but lay them out differently in memory:
 * contiguous; transposed (the buffer holds the axes reversed, strides in reverse order);
 * flipped (the buffer holds the values reversed, every stride negative); sliced (contiguous
 * from an offset, junk around it); and spread out (junk before and between the elements,
 * strides doubled). `junk` fills the gaps.
 */
export function layouts(
  be: AnyBackend,
  values: readonly number[],
  shape: Shape,
  dtype: DType,
  junk = 9,
): NamedView[] {
  const n = values.length;
  const c = contiguousStrides(shape);
  const out: NamedView[] = [{ name: 'contiguous', view: put(be, values, shape, dtype) }];
  if (shape.length >= 2) {
    const rev = shape.map((_, d) => shape.length - 1 - d);
    const t = permuted(values, shape, rev);
    const tStrides = contiguousStrides(rev.map((d) => shape[d] as number));
    const strides = shape.map((_, d) => tStrides[shape.length - 1 - d] as number);
    out.push({ name: 'transposed', view: view(be.fromValues(t, dtype), shape, strides) });
  }
  const flipped = view(
    be.fromValues([...values].reverse(), dtype),
    shape,
    c.map((s) => -s),
    Math.max(n - 1, 0),
  );
  out.push({ name: 'flipped', view: flipped });
  const pad = 3;
  const sliced = [...new Array<number>(pad).fill(junk), ...values, junk];
  out.push({ name: 'sliced', view: view(be.fromValues(sliced, dtype), shape, c, pad) });
  const spread = new Array<number>(pad + 2 * n).fill(junk);
  values.forEach((v, i) => {
    spread[pad + 2 * i] = v;
  });
  const gapped = view(
    be.fromValues(spread, dtype),
    shape,
    c.map((s) => 2 * s),
    pad,
  );
  out.push({ name: 'offset+gaps', view: gapped });
  return out;
}

/**
 * A `[rows, row.length]` view of one stored row, repeated by a stride-0 first dimension
 * (what `expand` / broadcasting produce), and the values it reads.
 */
export function broadcastRows(
  be: AnyBackend,
  row: readonly number[],
  rows: number,
  dtype: DType,
): { view: View<BufferLike>; values: number[] } {
  const v = view(be.fromValues(row, dtype), [rows, row.length], [0, 1]);
  const values: number[] = [];
  for (let r = 0; r < rows; r++) values.push(...row);
  return { view: v, values };
}

/** The elements of a buffer as plain numbers, through the always-available async `read`. */
export async function readAll(be: AnyBackend, buffer: BufferLike): Promise<number[]> {
  return Array.from(await be.read(buffer));
}

/** Options of {@link expectValues}. */
export interface Tolerance {
  /** Relative tolerance: `|actual - expected| <= rtol * |expected|`; 0 (default) means equal. */
  rtol?: number;
}

/** True when `a` matches `e`: both NaN, equal (0 equals -0), or within `rtol` of it. */
export function close(a: number, e: number, rtol = 0): boolean {
  if (Number.isNaN(e)) return Number.isNaN(a);
  if (a === e) return true;
  return Number.isFinite(e) && Math.abs(a - e) <= rtol * Math.abs(e);
}

/**
 * Checks a result buffer: its dtype, its size and every element. A failure lists each element
 * that differs as `[index] actual != expected`.
 */
export async function expectBuffer(
  be: AnyBackend,
  buffer: BufferLike,
  dtype: DType,
  expected: readonly number[],
  tol: Tolerance = {},
): Promise<void> {
  expect(buffer.dtype, 'dtype').toBe(dtype);
  expect(buffer.size, 'size').toBe(expected.length);
  expectValues(await readAll(be, buffer), expected, tol);
}

/** Checks values elementwise (NaN equals NaN, 0 equals -0); see {@link close}. */
export function expectValues(
  actual: readonly number[],
  expected: readonly number[],
  tol: Tolerance = {},
): void {
  expect(actual.length, 'length').toBe(expected.length);
  const bad: string[] = [];
  expected.forEach((e, i) => {
    const a = actual[i] as number;
    if (!close(a, e, tol.rtol)) bad.push(`[${i}] ${a} != ${e}`);
  });
  expect(bad, `elements that differ (rtol ${tol.rtol ?? 0})`).toEqual([]);
}

/** Rounds a double to float32, as a float32 store does. */
export const f32 = Math.fround;

/** The relative tolerance for float32 transcendental results (exp, log, sin, pow, softmax...). */
export const RTOL = 1e-6;

/** `xs[i % xs.length]`, for pairing each layout with another one. */
export function cycle<T>(xs: readonly T[], i: number): T {
  const x = xs[i % xs.length];
  if (x === undefined) throw new Error('cycle: empty list');
  return x;
}

/** Calls `fn(index, i)` for every multi-index of `shape`, row-major (`i` counts from 0). */
export function eachIndex(shape: Shape, fn: (index: readonly number[], i: number) => void): void {
  const total = count(shape);
  const idx = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < total; i++) {
    fn(idx, i);
    for (let d = shape.length - 1; d >= 0; d--) {
      idx[d] = (idx[d] as number) + 1;
      if ((idx[d] as number) < (shape[d] as number)) break;
      idx[d] = 0;
    }
  }
}

/** The row-major position of a multi-index in `shape`. */
export function flat(shape: Shape, index: readonly number[]): number {
  const strides = contiguousStrides(shape);
  return index.reduce((at, k, d) => at + k * (strides[d] as number), 0);
}
