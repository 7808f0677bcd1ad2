import type { KernelSource } from './kernel-source.js';

/**
 * The row and column of the element a thread computes in an output seen as `[rows, cols]`:
 * `this.thread.y` and `this.thread.x` where the device runs 2-D kernels (the plan then sets
 * `rows`), else the flat `this.thread.x` split by `cols`. In webasm the four threads of a SIMD
 * step share a row, so whatever depends on the row only is read once per step.
 *
 * flat -> [row, col] of [rows, cols]
 */
export function gridIndex(
  src: KernelSource,
  twoD: boolean,
  cols: number,
): { row: string; col: string } {
  if (twoD) return { row: 'this.thread.y', col: 'this.thread.x' };
  const n = src.constant('cols', cols);
  const row = src.let(`Math.floor(this.thread.x / ${n})`, 'row');
  return { row, col: src.let(`this.thread.x - ${row} * ${n}`, 'col') };
}

/** `[q, r]`: the quotient and remainder of `x` (a non-negative integer) by the constant `name`. */
export function divide(src: KernelSource, x: string, name: string, by: number): [string, string] {
  const n = src.constant(name, by);
  const q = src.let(`Math.floor(${x} / ${n})`, 'q');
  return [q, src.let(`${x} - ${q} * ${n}`, 'k')];
}
