import { defaultGenerator } from './default-generator.js';
import type { Generator } from './generator.js';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * Fills `out` with integers uniform in [low, high), exactly as PyTorch's CPU `torch.randint(low,
 * high, size)` (`Tensor.random_(low, high)`) fills an int64 tensor, whose values here fit an
 * Int32Array. Returns `out`.
 *
 * Each value is `random() % (high - low) + low`; a range of 2^32 (the whole int32 span) takes
 * `random64()` instead, as PyTorch does for ranges >= 2^32.
 *
 * @example
 * manualSeed(0);
 * randintFill(new Int32Array(5), 0, 10); // [4, 9, 3, 0, 3], as torch.randint(0, 10, (5,))
 */
export function randintFill(
  out: Int32Array,
  low: number,
  high: number,
  gen: Generator = defaultGenerator,
): Int32Array {
  if (!Number.isInteger(low) || !Number.isInteger(high)) {
    throw new RangeError(
      `randintFill: low and high must be integers, got low=${low}, high=${high}`,
    );
  }
  if (!(low < high)) {
    throw new RangeError(`randintFill: expected low < high, got low=${low}, high=${high}`);
  }
  if (low < INT32_MIN || high > INT32_MAX + 1) {
    throw new RangeError(
      `randintFill: [low, high) must lie within int32, got low=${low}, high=${high}`,
    );
  }
  const range = high - low;
  if (range < 2 ** 32) {
    for (let i = 0; i < out.length; i++) out[i] = (gen.random() % range) + low;
  } else {
    const big = BigInt(range);
    for (let i = 0; i < out.length; i++) out[i] = Number(gen.random64() % big) + low;
  }
  return out;
}
