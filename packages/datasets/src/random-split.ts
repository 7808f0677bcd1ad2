import { defaultGenerator, type Generator, randpermValues } from '@nabla/tensor';
import type { DataSource } from './dataset.js';
import { Subset } from './subset.js';

/** Turns fractions that sum to 1 into lengths, as PyTorch does: floors, then round-robin. */
function lengthsOf(total: number, lengths: readonly number[]): number[] {
  const sum = lengths.reduce((a, b) => a + b, 0);
  if (!(Math.abs(sum - 1) <= 1e-9 && sum <= 1)) return [...lengths];
  const out = lengths.map((frac, i) => {
    if (!(frac >= 0 && frac <= 1)) {
      throw new RangeError(`randomSplit: fraction at index ${i} is not between 0 and 1: ${frac}`);
    }
    return Math.floor(total * frac);
  });
  const remainder = total - out.reduce((a, b) => a + b, 0);
  for (let i = 0; i < remainder; i++) out[i % out.length] = (out[i % out.length] as number) + 1;
  return out;
}

/**
 * Splits a dataset into non-overlapping random subsets of the given lengths, or of the given
 * fractions when they sum to 1 (each `floor(n * fraction)`, the remainder handed out one by one
 * from the first). The same subsets as PyTorch's `torch.utils.data.random_split(dataset,
 * lengths, generator)` for the same generator state: one `randperm(n)`.
 *
 * @example
 * randomSplit(range10, [0.8, 0.2], new Generator().manualSeed(42));
 * // subsets of indices [2, 6, 1, 8, 4, 5, 0, 9] and [3, 7], as torch's random_split
 */
export function randomSplit<T>(
  dataset: DataSource<T>,
  lengths: readonly number[],
  generator: Generator = defaultGenerator,
): Subset<T>[] {
  const n = dataset.length;
  const sizes = lengthsOf(n, lengths);
  sizes.forEach((s, i) => {
    if (!Number.isInteger(s) || s < 0) {
      throw new RangeError(
        `randomSplit: length at index ${i} must be a non-negative integer, got ${s}`,
      );
    }
  });
  const sum = sizes.reduce((a, b) => a + b, 0);
  if (sum !== n) {
    throw new RangeError(
      `randomSplit: sum of input lengths (${sum}) does not equal the length of the input dataset (${n})`,
    );
  }
  const order = randpermValues(n, generator);
  let offset = 0;
  return sizes.map((s) => {
    const part = new Subset(dataset, order.subarray(offset, offset + s));
    offset += s;
    return part;
  });
}
