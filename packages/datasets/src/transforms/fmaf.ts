// Views of one float64 to read its low mantissa bits (little-endian, as every JS engine in use).
const f64 = new Float64Array(1);
const lo32 = new Uint32Array(f64.buffer, 0, 1);

/**
 * The float32 fused multiply-add `a * b + c` with a single rounding, as the FMA3 instruction
 * computes it (PyTorch's AVX2 kernels are compiled with multiply-adds contracted). `a`, `b`, `c`
 * must be float32 values in the normal range. The same function as @nabla/tensor's fmaf (which
 * that package does not export).
 *
 * `a * b` is exact in float64, so only `p + c` rounds twice: to float64, then to float32. That is
 * wrong only when the float64 sum lands exactly halfway between two float32 values while the
 * exact sum is not; the rounding error of the float64 sum (TwoSum) then says which way to go.
 */
export function fmaf(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = Math.fround(s);
  if (r === s) return r;
  f64[0] = s;
  // a float32 keeps 24 of float64's 53 significand bits: the 29 dropped are 1000...0 at a tie
  if (((lo32[0] as number) & 0x1fffffff) !== 0x10000000) return r;
  const bv = s - p;
  const err = p - (s - bv) + (c - bv);
  if (err === 0) return r;
  const other = 2 * s - r; // the float32 on the other side of the midpoint s
  return err > 0 === other > r ? other : r;
}
