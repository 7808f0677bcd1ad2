import { defaultGenerator, Generator, randomInt64, randpermValues } from '@nabla/tensor';

/** An iterable of dataset indices with a length, PyTorch's `torch.utils.data.Sampler`. */
export interface Sampler<I = number> extends Iterable<I> {
  /** How many items one pass yields (`len(sampler)`). */
  readonly length: number;
}

/**
 * The indices 0 .. n-1 in order. Mirrors `torch.utils.data.SequentialSampler`.
 *
 * @example
 * [...new SequentialSampler({ length: 3 })]; // [0, 1, 2]
 */
export class SequentialSampler implements Sampler {
  constructor(private readonly source: { readonly length: number }) {}

  get length(): number {
    return this.source.length;
  }

  *[Symbol.iterator](): Iterator<number> {
    const n = this.source.length;
    for (let i = 0; i < n; i++) yield i;
  }
}

/** Options of {@link RandomSampler}. */
export interface RandomSamplerOptions {
  /** Draw with replacement (default false). */
  replacement?: boolean;
  /** How many indices to draw; default the dataset's length. */
  numSamples?: number;
  /** The generator; default: each pass seeds a fresh one from the default generator. */
  generator?: Generator;
}

/**
 * The indices in a random order, drawn exactly as PyTorch 1.13's
 * `torch.utils.data.RandomSampler`, so that the same seed gives the same order:
 *
 * - without a generator, each pass draws a seed from the default generator
 *   (`int(torch.empty((), dtype=torch.int64).random_())`) and permutes with a fresh generator
 *   seeded with it; with one, it permutes with that generator directly;
 * - without replacement it yields `randperm(n)` once per whole `numSamples // n`, then the first
 *   `numSamples % n` of one more `randperm(n)`, which PyTorch draws even when that remainder is
 *   0 (so a given generator advances by two permutations per pass);
 * - with replacement, `randint(0, n, [32])` chunks, then the remainder.
 *
 * Draws happen lazily, when the iteration reaches them, as in PyTorch.
 *
 * @example
 * manualSeed(0);
 * [...new RandomSampler({ length: 10 })]; // [6, 9, 0, 7, 3, 5, 4, 2, 1, 8], as list(RandomSampler(range(10)))
 */
export class RandomSampler implements Sampler {
  readonly replacement: boolean;
  readonly generator: Generator | undefined;
  private readonly count: number | undefined;

  constructor(
    private readonly source: { readonly length: number },
    options: RandomSamplerOptions = {},
  ) {
    this.replacement = options.replacement ?? false;
    this.generator = options.generator;
    this.count = options.numSamples;
    const n = this.length;
    if (!Number.isInteger(n) || n <= 0) {
      throw new RangeError(
        `RandomSampler: numSamples should be a positive integer value, but got numSamples=${n}`,
      );
    }
  }

  /** The number of indices per pass (`num_samples`). */
  get length(): number {
    return this.count ?? this.source.length;
  }

  *[Symbol.iterator](): Iterator<number> {
    const n = this.source.length;
    const gen = this.generator ?? new Generator(randomInt64(defaultGenerator));
    const total = this.length;
    if (this.replacement) {
      // torch.randint(high=n, size=(32,), dtype=torch.int64): random() % n per value
      const chunk = (size: number): number[] =>
        Array.from({ length: size }, () => gen.random() % n);
      for (let k = 0; k < Math.floor(total / 32); k++) yield* chunk(32);
      yield* chunk(total % 32);
      return;
    }
    for (let k = 0; k < Math.floor(total / n); k++) yield* randpermValues(n, gen);
    yield* randpermValues(n, gen).subarray(0, total % n);
  }
}

/**
 * Groups the indices of a sampler into lists of `batchSize`; the last one may be shorter unless
 * `dropLast`. Mirrors `torch.utils.data.BatchSampler`.
 *
 * @example
 * [...new BatchSampler(new SequentialSampler({ length: 10 }), 3, false)];
 * // [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]
 */
export class BatchSampler implements Sampler<number[]> {
  constructor(
    readonly sampler: Sampler,
    readonly batchSize: number,
    readonly dropLast: boolean,
  ) {
    if (!Number.isInteger(batchSize) || batchSize <= 0) {
      throw new RangeError(
        `BatchSampler: batchSize should be a positive integer value, but got batchSize=${batchSize}`,
      );
    }
  }

  get length(): number {
    const n = this.sampler.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  *[Symbol.iterator](): Iterator<number[]> {
    let batch: number[] = [];
    for (const index of this.sampler) {
      batch.push(index);
      if (batch.length === this.batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0 && !this.dropLast) yield batch;
  }
}
