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
 * block read across its rows (a transpose) is copied in square tiles, so that both sides stay
 * in cache.
 */
export function gatherStrided(
  src: TypedArray,
  shape: Shape,
  strides: readonly number[],
  offset: number,
  out: TypedArray,
): void {
  forEachBlock(shape, strides, offset, (at, to, [rows, cols], [rs, cs]) =>
    copy2d(out, to, cols, 1, src, at, rs, cs, rows, cols),
  );
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
  forEachBlock(shape, strides, offset, (at, from, [rows, cols], [rs, cs]) =>
    copy2d(dst, at, rs, cs, values, from, cols, 1, rows, cols),
  );
}

type Block = (
  at: number,
  flat: number,
  size: readonly [number, number],
  strides: readonly [number, number],
) => void;

/**
 * Calls `block(at, flat, size, strides)` for each 2-D block of the last two dimensions of a
 * coalesced view (a rank below 2 is one block of one row): `at` its offset in the view's
 * buffer, `flat` the row-major index of its first element.
 */
function forEachBlock(shape: Shape, strides: readonly number[], offset: number, block: Block) {
  if (shape.includes(0)) return;
  const [c] = coalesce(shape, strides) as [Coalesced];
  while (c.shape.length < 2) {
    c.shape.unshift(1);
    c.strides.unshift(0);
  }
  const n = c.shape.length;
  const size = c.shape.slice(n - 2) as [number, number];
  const inner = c.strides.slice(n - 2) as [number, number];
  const outer = c.shape.slice(0, n - 2);
  const idx = new Array<number>(outer.length).fill(0);
  let at = offset;
  for (let flat = 0; ; flat += size[0] * size[1]) {
    block(at, flat, size, inner);
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

/**
 * `dst[dAt + i * drs + j * dcs] = src[sAt + i * srs + j * scs]` for `i < rows`, `j < cols`: row
 * by row (one `set` per row where both rows are contiguous), or, when either side runs across
 * its rows (a transpose), in square tiles so that both sides stay in cache.
 */
function copy2d(
  dst: TypedArray,
  dAt: number,
  drs: number,
  dcs: number,
  src: TypedArray,
  sAt: number,
  srs: number,
  scs: number,
  rows: number,
  cols: number,
): void {
  if (dcs === 1 && scs === 1) {
    for (let i = 0; i < rows; i++) {
      const from = sAt + i * srs;
      dst.set(src.subarray(from, from + cols), dAt + i * drs);
    }
    return;
  }
  const across = Math.abs(scs) > Math.abs(srs) || Math.abs(dcs) > Math.abs(drs);
  if (!across || rows < TILE || cols < TILE) {
    for (let i = 0; i < rows; i++) {
      let s = sAt + i * srs;
      let d = dAt + i * drs;
      for (let j = 0; j < cols; j++, s += scs, d += dcs) dst[d] = src[s] as number;
    }
    return;
  }
  for (let i0 = 0; i0 < rows; i0 += TILE) {
    const i1 = Math.min(i0 + TILE, rows);
    for (let j0 = 0; j0 < cols; j0 += TILE) {
      const j1 = Math.min(j0 + TILE, cols);
      for (let j = j0; j < j1; j++) {
        let s = sAt + i0 * srs + j * scs;
        let d = dAt + i0 * drs + j * dcs;
        for (let i = i0; i < i1; i++, s += srs, d += drs) dst[d] = src[s] as number;
      }
    }
  }
}
