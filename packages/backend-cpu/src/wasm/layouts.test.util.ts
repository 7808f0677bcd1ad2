/**
 * Test-only: seeded random matrices, laid out in memory in the ways the tensor layer hands them
 * to `matmul` (contiguous, transposed, sliced with gaps, flipped, gathered from every third
 * column, a batch broadcast by stride 0).
 */
import type { View } from '@nabla/backend';
import { CpuBuffer } from '../cpu-buffer.js';

/** A seeded generator (mulberry32): the same numbers on every run, never Math.random. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` float32 values, uniform in [-1, 1). */
export function randomValues(random: () => number, n: number): number[] {
  return Array.from({ length: n }, () => Math.fround(random() * 2 - 1));
}

export const LAYOUTS = ['contiguous', 'transposed', 'sliced', 'flipped', 'gathered'] as const;
export type Layout = (typeof LAYOUTS)[number];

/**
 * A view of shape `[...batch, rows, cols]` whose element `(t, i, j)` is
 * `values[(t * rows + i) * cols + j]`, stored as `layout` says. With `broadcast`, `values` holds
 * one matrix and every batch reads it (batch strides 0).
 */
export function laidOut(
  values: readonly number[],
  batch: readonly number[],
  rows: number,
  cols: number,
  layout: Layout,
  broadcast = false,
): View<CpuBuffer> {
  // element strides of one matrix, and the matrix's footprint in the buffer
  let rs = cols;
  let cs = 1;
  let size = rows * cols;
  let offset = 0;
  if (layout === 'transposed') [rs, cs] = [1, rows];
  if (layout === 'sliced') [rs, offset, size] = [cols + 3, 5, 5 + rows * (cols + 3)];
  if (layout === 'gathered') [rs, cs, size] = [3 * cols, 3, 3 * rows * cols];
  if (layout === 'flipped') [rs, cs, offset] = [-cols, -1, rows * cols - 1];
  const count = broadcast ? 1 : batch.reduce((p, s) => p * s, 1);
  const batchStrides: number[] = [];
  let step = broadcast ? 0 : size;
  for (let d = batch.length - 1; d >= 0; d--) {
    batchStrides.unshift(step);
    step *= batch[d] as number;
  }
  const data = new Float32Array(count * size + 8).fill(Number.NaN); // gaps read as NaN
  for (let t = 0; t < count; t++) {
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        data[t * size + offset + i * rs + j * cs] = values[(t * rows + i) * cols + j] as number;
      }
    }
  }
  return {
    buffer: new CpuBuffer('float32', data),
    shape: [...batch, rows, cols],
    strides: [...batchStrides, rs, cs],
    offset,
  };
}
