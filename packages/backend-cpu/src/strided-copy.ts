import type { Shape, TypedArray } from '@nabla/backend';

/** A layout with size-1 dimensions dropped and mergeable neighbours merged (same elements). */
export interface Coalesced {
  shape: number[];
  strides: number[];
}

/**
 * Drops size-1 dimensions and merges each dimension into the next when the pair walks memory as
 * one (`strides[d] == strides[d + 1] * shape[d + 1]`), for every layout at once: `strides[j]` are
 * the strides of one layout each (a source and a destination, say). The result visits the same
 * offsets in the same order with fewer, longer loops.
 */
export function coalesce(shape: Shape, ...strides: (readonly number[])[]): Coalesced[] {
  const keep = shape.map((_, d) => d).filter((d) => shape[d] !== 1);
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (const d of keep) {
    const size = shape[d] as number;
    const last = outShape.length - 1;
    const merges =
      last >= 0 &&
      strides.every((s, j) => (outStrides[j] as number[])[last] === (s[d] as number) * size);
    if (merges) {
      outShape[last] = (outShape[last] as number) * size;
      strides.forEach((s, j) => {
        (outStrides[j] as number[])[last] = s[d] as number;
      });
    } else {
      outShape.push(size);
      strides.forEach((s, j) => {
        (outStrides[j] as number[]).push(s[d] as number);
      });
    }
  }
  return outStrides.map((s) => ({ shape: outShape, strides: s }));
}

/** Below this many elements per side, a 2-D transposing copy runs untiled. */
const TILE = 32;

/**
 * `out[i] = src[at(i)]` for every element of a strided view, row-major (`at` the view's offset
 * plus index times strides): the gather behind `dense` and `assign`. Loops are nested per
 * dimension after {@link coalesce}, with the innermost one tight (no call per element); a 2-D
 * view read across its rows (a transpose) is copied in square tiles, so that both sides stay in
 * cache.
 */
export function gatherStrided(
  src: TypedArray,
  shape: Shape,
  strides: readonly number[],
  offset: number,
  out: TypedArray,
): void {
  if (shape.includes(0)) return;
  const [c] = coalesce(shape, strides) as [Coalesced];
  const n = c.shape.length;
  if (n === 0) {
    out[0] = src[offset] as number;
    return;
  }
  if (n === 1) {
    const [len, s] = [c.shape[0] as number, c.strides[0] as number];
    for (let i = 0, at = offset; i < len; i++, at += s) out[i] = src[at] as number;
    return;
  }
  if (n === 2) {
    gather2d(src, c.shape as [number, number], c.strides as [number, number], offset, out, 0);
    return;
  }
  // an odometer over the outer dimensions, each step a 2-D block of the last two
  const outer = c.shape.slice(0, n - 2);
  const inner = c.shape.slice(n - 2) as [number, number];
  const innerStrides = c.strides.slice(n - 2) as [number, number];
  const block = inner[0] * inner[1];
  const idx = new Array<number>(outer.length).fill(0);
  let at = offset;
  for (let to = 0; ; to += block) {
    gather2d(src, inner, innerStrides, at, out, to);
    let d = outer.length - 1;
    for (; d >= 0; d--) {
      const k = (idx[d] as number) + 1;
      if (k < (outer[d] as number)) {
        idx[d] = k;
        at += c.strides[d] as number;
        break;
      }
      idx[d] = 0;
      at -= (k - 1) * (c.strides[d] as number);
    }
    if (d < 0) return;
  }
}

/** A 2-D strided block `[rows, cols]` into `out` from `to`, row-major. */
function gather2d(
  src: TypedArray,
  [rows, cols]: readonly [number, number],
  [rs, cs]: readonly [number, number],
  offset: number,
  out: TypedArray,
  to: number,
): void {
  if (cs === 1) {
    for (let i = 0; i < rows; i++) {
      const from = offset + i * rs;
      out.set(src.subarray(from, from + cols), to + i * cols);
    }
    return;
  }
  if (rows < TILE || cols < TILE || Math.abs(rs) >= Math.abs(cs)) {
    for (let i = 0; i < rows; i++) {
      let at = offset + i * rs;
      const row = to + i * cols;
      for (let j = 0; j < cols; j++, at += cs) out[row + j] = src[at] as number;
    }
    return;
  }
  // read across rows (a transpose): tile so that both the reads and the writes stay in cache
  for (let i0 = 0; i0 < rows; i0 += TILE) {
    const i1 = Math.min(i0 + TILE, rows);
    for (let j0 = 0; j0 < cols; j0 += TILE) {
      const j1 = Math.min(j0 + TILE, cols);
      for (let j = j0; j < j1; j++) {
        let at = offset + i0 * rs + j * cs;
        for (let i = i0; i < i1; i++, at += rs) out[to + i * cols + j] = src[at] as number;
      }
    }
  }
}

/**
 * `dst[at(i)] = values[i]` for every element of a strided view of `dst` (the scatter behind
 * `assign` into a non-contiguous destination); the same loops as {@link gatherStrided}.
 */
export function scatterStrided(
  dst: TypedArray,
  shape: Shape,
  strides: readonly number[],
  offset: number,
  values: TypedArray,
): void {
  if (shape.includes(0)) return;
  const [c] = coalesce(shape, strides) as [Coalesced];
  const n = c.shape.length;
  if (n === 0) {
    dst[offset] = values[0] as number;
    return;
  }
  const [rows, cols] = c.shape as [number, number];
  const [rs, cs] = c.strides as [number, number];
  if (n === 2 && rows >= TILE && cols >= TILE && Math.abs(cs) > Math.abs(rs)) {
    // written across rows (a transpose): tiled, as gather2d reads
    for (let i0 = 0; i0 < rows; i0 += TILE) {
      const i1 = Math.min(i0 + TILE, rows);
      for (let j0 = 0; j0 < cols; j0 += TILE) {
        const j1 = Math.min(j0 + TILE, cols);
        for (let j = j0; j < j1; j++) {
          let at = offset + i0 * rs + j * cs;
          for (let i = i0; i < i1; i++, at += rs) dst[at] = values[i * cols + j] as number;
        }
      }
    }
    return;
  }
  const last = n - 1;
  const len = c.shape[last] as number;
  const s = c.strides[last] as number;
  const outer = c.shape.slice(0, last);
  const idx = new Array<number>(outer.length).fill(0);
  let at = offset;
  for (let from = 0; ; from += len) {
    if (s === 1) dst.set(values.subarray(from, from + len), at);
    else for (let j = 0, p = at; j < len; j++, p += s) dst[p] = values[from + j] as number;
    let d = outer.length - 1;
    for (; d >= 0; d--) {
      const k = (idx[d] as number) + 1;
      if (k < (outer[d] as number)) {
        idx[d] = k;
        at += c.strides[d] as number;
        break;
      }
      idx[d] = 0;
      at -= (k - 1) * (c.strides[d] as number);
    }
    if (d < 0) return;
  }
}
