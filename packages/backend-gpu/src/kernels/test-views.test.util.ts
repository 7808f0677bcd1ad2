import type { AnyBackend, DType, View } from '@nabla/backend';

/** A seeded generator (mulberry32) of floats in [0, 1): tests never call Math.random. */
export function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `size` float32 values uniform in [-1, 1). */
export function uniform(size: number, seed: number): number[] {
  const random = generator(seed);
  return Array.from({ length: size }, () => Math.fround(random() * 2 - 1));
}

/** How a test stores a tensor: the storage order of its dimensions, flipped ones, an offset. */
export interface Layout {
  /** Storage order, outermost first (`[0, 1, 2, 3]`: row-major). */
  readonly order: readonly number[];
  /** Dimensions stored back to front (negative strides). */
  readonly flip?: readonly number[];
  /** Junk elements before the first one (a view's offset). */
  readonly offset?: number;
}

export const CONTIGUOUS: Layout = { order: [0, 1, 2, 3] };

/**
 * A view of `values` (row-major over `shape`) stored as `layout` says, in a buffer with junk
 * (NaN for float32, so that a read outside the view shows) before and after the elements.
 */
export function stored(
  be: AnyBackend,
  values: readonly number[],
  shape: readonly number[],
  dtype: DType,
  layout: Layout,
): View<ReturnType<AnyBackend['zeros']>> {
  const r = shape.length;
  const offset = layout.offset ?? 0;
  const strides = new Array<number>(r).fill(0);
  let acc = 1;
  for (let k = layout.order.length - 1; k >= 0; k--) {
    const d = layout.order[k] as number;
    strides[d] = acc;
    acc *= shape[d] as number;
  }
  let start = offset;
  for (const d of layout.flip ?? []) {
    start += ((shape[d] as number) - 1) * (strides[d] as number);
    strides[d] = -(strides[d] as number);
  }
  const junk = dtype === 'float32' ? Number.NaN : 7;
  const buffer = new Array<number>(offset + acc + 2).fill(junk);
  const index = new Array<number>(r).fill(0);
  values.forEach((v, flat) => {
    let rest = flat;
    for (let d = r - 1; d >= 0; d--) {
      index[d] = rest % (shape[d] as number);
      rest = Math.floor(rest / (shape[d] as number));
    }
    const at = index.reduce((s, k, d) => s + k * (strides[d] as number), start);
    buffer[at] = v;
  });
  return { buffer: be.fromValues(buffer, dtype), shape, strides, offset: start };
}
