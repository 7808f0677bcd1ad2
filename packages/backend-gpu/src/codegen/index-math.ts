import type { Shape } from '@nabla/backend';
import type { KernelSource } from './kernel-source.js';

/** One operand's layout over a kernel's iteration shape: strides (elements) and an offset. */
export interface Layout {
  readonly strides: readonly number[];
  readonly offset: number;
}

/**
 * Merges the dimensions of `shape` that every layout walks as one: size-1 dimensions are
 * dropped, and dimension `d` joins `d + 1` when each layout has `strides[d] = strides[d + 1] *
 * shape[d + 1]`. A contiguous `[2, 3, 4]` becomes `[24]`, a transposed one stays 2-D. Fewer
 * dimensions mean fewer divisions per element and fewer distinct compiled kernels.
 *
 * shape: [d0, d1, ...] -> [m0, m1, ...] with prod(m) = prod(d)
 */
export function coalesce(
  shape: Shape,
  layouts: readonly Layout[],
): { shape: number[]; layouts: Layout[] } {
  const dims: number[] = [];
  const strides: number[][] = layouts.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d] as number;
    if (size === 1) continue;
    const last = dims.length - 1;
    const joins =
      last >= 0 &&
      layouts.every((l, k) => (strides[k]?.[last] as number) === (l.strides[d] as number) * size);
    if (joins) {
      dims[last] = (dims[last] as number) * size;
      layouts.forEach((l, k) => {
        (strides[k] as number[])[last] = l.strides[d] as number;
      });
    } else {
      dims.push(size);
      layouts.forEach((l, k) => {
        (strides[k] as number[]).push(l.strides[d] as number);
      });
    }
  }
  return {
    shape: dims,
    layouts: layouts.map((l, k) => ({ strides: strides[k] as number[], offset: l.offset })),
  };
}

/**
 * Emits the row-major multi-index of the flat index `flat` over `shape` (sizes as constants
 * named `<prefix>s<d>`) and returns one expression per dimension. Division and remainder run in
 * float32 in most modes, exact while indices stay below 2^24 (the backend refuses larger
 * buffers there).
 */
export function emitMultiIndex(
  src: KernelSource,
  flat: string,
  shape: Shape,
  prefix: string,
): string[] {
  const r = shape.length;
  if (r === 0) return [];
  if (r === 1) return [flat];
  const index = new Array<string>(r);
  let rest = flat;
  for (let d = r - 1; d >= 1; d--) {
    const size = src.constant(`${prefix}s${d}`, shape[d] as number);
    const q = src.let(`Math.floor(${rest} / ${size})`, 'q');
    index[d] = src.let(`${rest} - ${q} * ${size}`, 'k');
    rest = q;
  }
  index[0] = rest;
  return index;
}

/**
 * The buffer position `offset + sum(index[d] * strides[d])` of one operand, with strides and
 * offset as constants named `<name>t<d>` and `<name>o`. Stride-0 (broadcast) terms are left out.
 */
export function address(
  src: KernelSource,
  index: readonly string[],
  layout: Layout,
  name: string,
): string {
  const terms = [src.constant(`${name}o`, layout.offset)];
  index.forEach((k, d) => {
    const stride = layout.strides[d] as number;
    if (stride !== 0) terms.push(`${k} * ${src.constant(`${name}t${d}`, stride)}`);
  });
  return terms.join(' + ');
}

/**
 * Walks `shape` row-major by the flat index `flat` and returns the buffer position each layout
 * reads there, after merging the dimensions all layouts walk alike ({@link coalesce}). Layout
 * `k`'s constants are named after `names[k]`, the walk's sizes after `prefix`.
 */
export function walk(
  src: KernelSource,
  flat: string,
  shape: Shape,
  layouts: readonly Layout[],
  names: readonly string[],
  prefix = 'o',
): string[] {
  const merged = coalesce(shape, layouts);
  const index = emitMultiIndex(src, flat, merged.shape, prefix);
  return merged.layouts.map((l, k) => src.let(address(src, index, l, names[k] as string), 'at'));
}

/**
 * The strides of a contiguous buffer holding `shape` with the dimensions in `kept1` reduced to
 * size 1 (a keep-dims reduction's result), seen from `shape`: 0 on those dimensions, so every
 * element of `shape` lands on its reduction's slot.
 *
 * shape [2, 3, 4], kept1 = d => d === 1 -> [4, 0, 1]
 */
export function reducedStrides(shape: Shape, kept1: (d: number) => boolean): number[] {
  const out = new Array<number>(shape.length);
  let acc = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    out[d] = kept1(d) ? 0 : acc;
    acc *= kept1(d) ? 1 : (shape[d] as number);
  }
  return out;
}
