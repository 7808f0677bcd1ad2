import { cascadeScratch, ILP, LANES, multiRowSum, rowSum } from './cascade-sum.js';

/**
 * One 2-D slice of a float32 sum, as torch's `cascade_sum` loop gets it from TensorIterator:
 * `size0 x size1` elements of `x` at `xAt + i * xs0 + j * xs1`, added into `out` at
 * `outAt + i * os0 + j * os1`, where a 0 output stride marks a summed dimension. Results are
 * added to what `out` holds (`*out += sum`, in float32), so slices summed one after another
 * into the same output accumulate in that order.
 */
export interface Plane {
  x: ArrayLike<number>;
  xAt: number;
  xs0: number;
  xs1: number;
  out: Float32Array;
  outAt: number;
  os0: number;
  os1: number;
  size0: number;
  size1: number;
}

/**
 * Sums one plane the way SumKernel.cpp picks its loop: the summed dimension goes first; if it
 * is contiguous and at least a vector long, each row is summed in 8-lane vectors (inner sum);
 * else if the kept dimension is contiguous and at least a vector wide, 8 (or 32) columns are
 * summed at once (outer sum); else scalar rows or groups of 4 columns, by which stride is
 * smaller.
 */
export function sumPlane(p: Plane, acc: Float32Array = cascadeScratch()): void {
  let { xs0, xs1, os0, os1, size0, size1 } = p;
  if (os0 !== 0 && os1 === 0) {
    [xs0, xs1, os0, os1, size0, size1] = [xs1, xs0, os1, os0, size1, size0];
  }
  if (os0 !== 0) {
    // Nothing is summed here (every output stride is nonzero): out += x.
    for (let j = 0; j < size1; j++) {
      for (let i = 0; i < size0; i++) {
        const o = p.outAt + i * os0 + j * os1;
        p.out[o] = (p.out[o] as number) + (p.x[p.xAt + i * xs0 + j * xs1] as number);
      }
    }
    return;
  }
  const q: Reduction = {
    x: p.x,
    xAt: p.xAt,
    xs0,
    xs1,
    out: p.out,
    outAt: p.outAt,
    os: os1,
    size0,
    size1,
  };
  if (xs0 === 1 && size0 >= LANES) innerVectorized(q, acc);
  else if (xs1 === 1 && size1 >= LANES) outerVectorized(q, acc);
  else if (xs0 < xs1) innerScalar(q, acc);
  else outerScalar(q, acc);
}

/** A plane whose dimension 0 is summed: output `j` is at `outAt + j * os`. */
interface Reduction {
  x: ArrayLike<number>;
  xAt: number;
  xs0: number;
  xs1: number;
  out: Float32Array;
  outAt: number;
  os: number;
  size0: number;
  size1: number;
}

/** Adds `acc[0 .. count)` to outputs `j .. j + count` (torch's `CastStoreAccumulate`). */
function store(r: Reduction, j: number, acc: Float32Array, count: number): void {
  for (let k = 0; k < count; k++) {
    const o = r.outAt + (j + k) * r.os;
    r.out[o] = (r.out[o] as number) + (acc[k] as number);
  }
}

/**
 * Rows contiguous (`vectorized_inner_sum`): each row's whole vectors are summed lane-wise by
 * `rowSum`; then, in float32, 0 + the leftover elements in order + the 8 lanes in order.
 */
function innerVectorized(r: Reduction, acc: Float32Array): void {
  const vectors = Math.floor(r.size0 / LANES);
  for (let j = 0; j < r.size1; j++) {
    const row = r.xAt + j * r.xs1;
    rowSum(r.x, row, LANES, LANES, vectors, acc);
    let s = Math.fround(0);
    for (let k = vectors * LANES; k < r.size0; k++) s = Math.fround(s + (r.x[row + k] as number));
    for (let l = 0; l < LANES; l++) s = Math.fround(s + (acc[l] as number));
    acc[0] = s;
    store(r, j, acc, 1);
  }
}

/**
 * Columns contiguous (`vectorized_outer_sum`): blocks of 4 vectors (32 columns) by
 * `multiRowSum`, then single vectors (8 columns) by `rowSum`, then each last column alone.
 */
function outerVectorized(r: Reduction, acc: Float32Array): void {
  const block = ILP * LANES;
  let j = 0;
  for (; j + block <= r.size1; j += block) {
    multiRowSum(r.x, r.xAt + j, r.xs0, LANES, ILP, LANES, r.size0, acc);
    store(r, j, acc, block);
  }
  for (; j + LANES <= r.size1; j += LANES) {
    rowSum(r.x, r.xAt + j, r.xs0, LANES, r.size0, acc);
    store(r, j, acc, LANES);
  }
  for (; j < r.size1; j++) {
    rowSum(r.x, r.xAt + j, r.xs0, 1, r.size0, acc);
    store(r, j, acc, 1);
  }
}

/** Summed dimension has the smaller stride (`scalar_inner_sum`): one `rowSum` per output. */
function innerScalar(r: Reduction, acc: Float32Array): void {
  for (let j = 0; j < r.size1; j++) {
    rowSum(r.x, r.xAt + j * r.xs1, r.xs0, 1, r.size0, acc);
    store(r, j, acc, 1);
  }
}

/** Kept dimension has the smaller stride (`scalar_outer_sum`): 4 outputs at a time. */
function outerScalar(r: Reduction, acc: Float32Array): void {
  let j = 0;
  for (; j + ILP <= r.size1; j += ILP) {
    multiRowSum(r.x, r.xAt + j * r.xs1, r.xs0, r.xs1, ILP, 1, r.size0, acc);
    store(r, j, acc, ILP);
  }
  for (; j < r.size1; j++) {
    rowSum(r.x, r.xAt + j * r.xs1, r.xs0, 1, r.size0, acc);
    store(r, j, acc, 1);
  }
}
