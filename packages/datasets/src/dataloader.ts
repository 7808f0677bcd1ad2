import { defaultGenerator, type Generator, randomInt64 } from '@nabla/tensor';
import { hasGetBatch } from './batch-dataset.js';
import { type Collated, defaultCollate } from './collate.js';
import { type DataSource, getSample, normalizeIndex } from './dataset.js';
import { nextTurn } from './next-turn.js';
import { BatchSampler, RandomSampler, type Sampler, SequentialSampler } from './sampler.js';

/** Options of {@link DataLoader}, PyTorch's keyword arguments in camelCase. */
export interface DataLoaderOptions<T, B> {
  /** Samples per batch (default 1). */
  batchSize?: number;
  /** Reshuffle the samples at every epoch (default false). */
  shuffle?: boolean;
  /** The order of the samples; excludes `shuffle`. */
  sampler?: Sampler;
  /** The batches of indices; excludes `batchSize`, `shuffle`, `sampler` and `dropLast`. */
  batchSampler?: Sampler<number[]>;
  /** Drop the last batch when it is incomplete (default false). */
  dropLast?: boolean;
  /** The generator of the shuffling and of the per-epoch seed (default: the default generator). */
  generator?: Generator;
  /** Makes a batch from a list of samples (`collate_fn`; default {@link defaultCollate}). */
  collate?: (samples: T[]) => B;
  /**
   * Batches loaded ahead during `for await` (default 1; sync iteration never loads ahead). With
   * random transforms that draw from the default generator, a batch loaded ahead draws before
   * the training step of the previous one: set 0 for PyTorch's order of draws.
   */
  prefetch?: number;
}

/** A dataset whose samples can also be read asynchronously (files read without blocking). */
interface AsyncSource<T> {
  getAsync(index: number): Promise<T>;
}

const hasGetAsync = <T>(source: DataSource<T>): source is DataSource<T> & AsyncSource<T> =>
  !Array.isArray(source) && typeof (source as Partial<AsyncSource<T>>).getAsync === 'function';

/**
 * Iterates a dataset in batches, PyTorch's `torch.utils.data.DataLoader` (single process).
 * `for (const [inputs, labels] of loader)` gives the batches that `defaultCollate` (or
 * `collate`) makes; the last one is partial unless `dropLast`. `loader.length` is the number of
 * batches per epoch.
 *
 * With `shuffle: true` the order is PyTorch's for the same generator state: each epoch draws a
 * base seed from `generator` (or the default generator) as PyTorch does (`_base_seed`), then
 * RandomSampler draws its permutation (see {@link RandomSampler}); so after `manualSeed(s)`,
 * the batches, and every random number drawn after the epoch, equal PyTorch's. Without
 * shuffling the base seed is drawn all the same.
 *
 * A dataset with a `getBatch` method (TensorDataset, MNIST, CIFAR10, Subset of those) hands out
 * whole batches without reading sample by sample. `for await` also works, reads datasets with
 * `getAsync` (ImageFolder) without blocking, and loads the next batch while the current one is
 * being used (`prefetch`).
 *
 * @example
 * const loader = new DataLoader(new TensorDataset(x, y), { batchSize: 100, shuffle: true });
 * for (const [inputs, labels] of loader) {
 *   // inputs: [100, ...x.shape.slice(1)], labels: [100]
 * }
 */
export class DataLoader<T, B = Collated<T>> implements Iterable<B>, AsyncIterable<B> {
  readonly dataset: DataSource<T>;
  /** Samples per batch, or null with a `batchSampler`. */
  readonly batchSize: number | null;
  readonly dropLast: boolean;
  readonly generator: Generator | undefined;
  /** The order of the indices. */
  readonly sampler: Sampler;
  /** The batches of indices one epoch takes. */
  readonly batchSampler: Sampler<number[]>;
  readonly prefetch: number;
  private readonly collate: ((samples: T[]) => B) | undefined;

  constructor(dataset: DataSource<T>, options: DataLoaderOptions<T, B> = {}) {
    const { shuffle = false, sampler, batchSampler, dropLast = false, generator } = options;
    if (sampler !== undefined && shuffle) {
      throw new Error('DataLoader: sampler option is mutually exclusive with shuffle');
    }
    const batchSizeGiven = options.batchSize !== undefined;
    if (batchSampler !== undefined && (batchSizeGiven || shuffle || sampler || dropLast)) {
      throw new Error(
        'DataLoader: batchSampler option is mutually exclusive with batchSize, shuffle, sampler, and dropLast',
      );
    }
    const prefetch = options.prefetch ?? 1;
    if (!Number.isInteger(prefetch) || prefetch < 0) {
      throw new RangeError(`DataLoader: prefetch must be a non-negative integer, got ${prefetch}`);
    }
    this.dataset = dataset;
    this.dropLast = dropLast;
    this.generator = generator;
    this.collate = options.collate;
    this.prefetch = prefetch;
    this.sampler =
      sampler ??
      (shuffle
        ? new RandomSampler(dataset, generator ? { generator } : {})
        : new SequentialSampler(dataset));
    if (batchSampler !== undefined) {
      this.batchSize = null;
      this.batchSampler = batchSampler;
    } else {
      const batchSize = options.batchSize ?? 1;
      this.batchSize = batchSize;
      this.batchSampler = new BatchSampler(this.sampler, batchSize, dropLast);
    }
  }

  /** The number of batches per epoch (`len(loader)`). */
  get length(): number {
    return this.batchSampler.length;
  }

  /** One epoch of batches; PyTorch's `iter(loader)` draws the epoch's base seed right away. */
  [Symbol.iterator](): Iterator<B> {
    const batches = this.batchSampler[Symbol.iterator]();
    randomInt64(this.generator ?? defaultGenerator);
    return this.run(batches);
  }

  /** One epoch of batches for `for await`, with up to `prefetch` batches loaded ahead. */
  [Symbol.asyncIterator](): AsyncIterator<B> {
    const batches = this.batchSampler[Symbol.iterator]();
    randomInt64(this.generator ?? defaultGenerator);
    return this.runAsync(batches);
  }

  private *run(batches: Iterator<number[]>): Iterator<B> {
    for (let r = batches.next(); !r.done; r = batches.next()) yield this.fetch(r.value);
  }

  private async *runAsync(batches: Iterator<number[]>): AsyncIterator<B> {
    const pending: Promise<B>[] = [];
    let exhausted = false;
    const start = (): void => {
      const r = batches.next();
      if (r.done) {
        exhausted = true;
        return;
      }
      const load = this.fetchAsync(r.value);
      // a batch loaded ahead and never awaited (the loop broke off) must not fail the process
      load.catch(() => undefined);
      pending.push(load);
    };
    for (;;) {
      if (pending.length === 0 && !exhausted) start();
      const next = pending.shift();
      if (next === undefined) return;
      const batch = await next;
      while (pending.length < this.prefetch && !exhausted) start();
      yield batch;
    }
  }

  /** Reads the samples at `indices` and collates them. */
  private fetch(indices: number[]): B {
    const ds = this.dataset;
    if (this.collate === undefined && hasGetBatch(ds)) {
      return ds.getBatch(indices.map((i) => normalizeIndex(i, ds.length))) as B;
    }
    const samples = indices.map((i) => getSample(ds, i));
    return this.collate ? this.collate(samples) : (defaultCollate(samples) as B);
  }

  /** As fetch, after yielding the event loop; reads `getAsync` datasets one sample at a time. */
  private async fetchAsync(indices: number[]): Promise<B> {
    await nextTurn();
    const ds = this.dataset;
    if (!hasGetAsync(ds) || (this.collate === undefined && hasGetBatch(ds))) {
      return this.fetch(indices);
    }
    // one at a time, in order, so that random transforms draw in the order of the indices
    const samples: T[] = [];
    for (const i of indices) samples.push(await ds.getAsync(i));
    return this.collate ? this.collate(samples) : (defaultCollate(samples) as B);
  }
}
