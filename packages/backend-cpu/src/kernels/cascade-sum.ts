/**
 * The cascade summation of PyTorch's CPU `sum` (aten/src/ATen/native/cpu/SumKernel.cpp,
 * `multi_row_sum` and `row_sum`), in float32. Partial sums are kept in a `Float32Array`, so
 * every `acc[k] += v` is one float32 addition: the double sum of two float32 values is exact
 * to well past float32's precision, and storing it rounds once, as the CPU does.
 *
 * torch adds AVX2 vectors of 8 float32 lanes; a vector here is `lanes` adjacent elements
 * (stride 1) summed into `lanes` independent accumulators, which is all a vector add is.
 */

/** Levels of partial sums in the cascade (`num_levels`). */
const LEVELS = 4;
/** Columns `row_sum` sums side by side (`ilp_factor`), and the outer sum's `nrows`. */
export const ILP = 4;
/** float32 lanes of an AVX2 vector (`Vectorized<float>::size()`). */
export const LANES = 8;
/** Accumulators of one level: up to ILP columns of LANES lanes. */
const LEVEL = ILP * LANES;

/**
 * Scratch space for {@link multiRowSum} and {@link rowSum}: LEVELS levels of ILP x LANES
 * accumulators. Allocate one per reduction, not per row.
 */
export function cascadeScratch(): Float32Array {
  return new Float32Array(LEVELS * LEVEL);
}

/** ceil(log2(x)), and 1 for x <= 2 (ATen's `utils::CeilLog2`). */
function ceilLog2(x: number): number {
  if (x <= 2) return 1;
  if (x <= 2 ** 31) return 32 - Math.clz32(x - 1);
  return Math.ceil(Math.log2(x));
}

/**
 * Sums `size` rows of `cols` columns of `lanes` lanes at once: row `i`, column `c`, lane `l`
 * is `x[at + i * rowStride + c * colStride + l]`, and the sum of column `c` lane `l` ends in
 * `acc[c * lanes + l]`. Rows are added into level 0; every `2^p` rows (`p` = max(4,
 * ceil(log2(size)) / 4)) level 0 is added into level 1 and cleared, every `2^(2p)` rows level 1
 * into level 2, and so on, so only partial sums of similar size meet. The rows past the last
 * full block go into level 0, then levels 1, 2, 3 are added into it in that order.
 */
export function multiRowSum(
  x: ArrayLike<number>,
  at: number,
  rowStride: number,
  colStride: number,
  cols: number,
  lanes: number,
  size: number,
  acc: Float32Array,
): void {
  const width = cols * lanes;
  const power = Math.max(4, Math.floor(ceilLog2(size) / LEVELS));
  const step = 2 ** power;
  const mask = step - 1;
  // Levels above 0 stay 0 when no block fills; adding +0 to a sum that started at +0 changes
  // nothing (it is never -0), so short sums skip them.
  const levels = size >= step ? LEVELS : 1;
  for (let level = 0; level < levels; level++) acc.fill(0, level * LEVEL, level * LEVEL + width);
  let i = 0;
  while (i + step <= size) {
    for (let j = 0; j < step; j++, i++) addRow(x, at + i * rowStride, colStride, cols, lanes, acc);
    for (let level = 1; level < LEVELS; level++) {
      const lo = (level - 1) * LEVEL;
      const hi = level * LEVEL;
      for (let k = 0; k < width; k++) {
        acc[hi + k] = (acc[hi + k] as number) + (acc[lo + k] as number);
        acc[lo + k] = 0;
      }
      // Carry further only when i is a multiple of step^(level + 1).
      if ((i & (mask << (level * power))) !== 0) break;
    }
  }
  for (; i < size; i++) addRow(x, at + i * rowStride, colStride, cols, lanes, acc);
  for (let level = 1; level < levels; level++) {
    const hi = level * LEVEL;
    for (let k = 0; k < width; k++) acc[k] = (acc[k] as number) + (acc[hi + k] as number);
  }
}

/** Adds one row of `cols` columns of `lanes` lanes into level 0 of `acc`. */
function addRow(
  x: ArrayLike<number>,
  at: number,
  colStride: number,
  cols: number,
  lanes: number,
  acc: Float32Array,
): void {
  for (let c = 0; c < cols; c++) {
    const src = at + c * colStride;
    const dst = c * lanes;
    for (let l = 0; l < lanes; l++)
      acc[dst + l] = (acc[dst + l] as number) + (x[src + l] as number);
  }
}

/**
 * Sums `size` elements `x[at + i * stride + l]` (`lanes` lanes each) into `acc[0 .. lanes)`,
 * as torch's `row_sum`: the row is read as a [size / 4, 4] array whose 4 columns are summed by
 * {@link multiRowSum}; the last `size % 4` elements are added to column 0, then columns 1, 2
 * and 3 are added to it.
 */
export function rowSum(
  x: ArrayLike<number>,
  at: number,
  stride: number,
  lanes: number,
  size: number,
  acc: Float32Array,
): void {
  const rows = Math.floor(size / ILP);
  if (rows === 0) {
    // Fewer than 4 elements: 0 + each in order.
    for (let l = 0; l < lanes; l++) {
      let s = 0;
      for (let i = 0; i < size; i++) s = Math.fround(s + (x[at + i * stride + l] as number));
      acc[l] = s;
    }
    return;
  }
  multiRowSum(x, at, stride * ILP, stride, ILP, lanes, rows, acc);
  for (let i = rows * ILP; i < size; i++) {
    const src = at + i * stride;
    for (let l = 0; l < lanes; l++) acc[l] = (acc[l] as number) + (x[src + l] as number);
  }
  for (let c = 1; c < ILP; c++) {
    for (let l = 0; l < lanes; l++) acc[l] = (acc[l] as number) + (acc[c * lanes + l] as number);
  }
}
