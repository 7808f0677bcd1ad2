import { defaultGenerator } from './default-generator.js';
import { uniformFloat01 } from './distributions.js';
import { fmaf } from './fma.js';
import type { Generator } from './generator.js';

const FLOAT_MAX = 3.4028234663852886e38;

/**
 * Fills `out` with uniform samples in [from, to), exactly as PyTorch's CPU `Tensor.uniform_(from,
 * to)` fills a float32 tensor; `torch.rand` is `uniformFill(out, 0, 1)`. One 32-bit draw per
 * element, in order. Returns `out`.
 *
 * Each value is `x * (to - from) + from` in float32 with `x = (random() & (2^24 - 1)) * 2^-24`,
 * from and to being rounded to float32 first; PyTorch's AVX2 kernels fuse the multiply-add.
 *
 * @example
 * manualSeed(0);
 * uniformFill(new Float32Array(3)); // [0.4963, 0.7682, 0.0885], as torch.rand(3)
 */
export function uniformFill(
  out: Float32Array,
  from = 0,
  to = 1,
  gen: Generator = defaultGenerator,
): Float32Array {
  if (!(from <= to)) {
    throw new RangeError(`uniformFill: expected from <= to, got from=${from} > to=${to}`);
  }
  if (!(to - from <= FLOAT_MAX)) {
    throw new RangeError(`uniformFill: to - from must fit a float32, got to=${to}, from=${from}`);
  }
  const lo = Math.fround(from);
  const range = Math.fround(Math.fround(to) - lo);
  for (let i = 0; i < out.length; i++) {
    out[i] = fmaf(uniformFloat01(gen), range, lo);
  }
  return out;
}
