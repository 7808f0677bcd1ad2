import { type BatchDataset, hasGetBatch } from './batch-dataset.js';
import type { Collated } from './collate.js';
import { defaultCollate } from './collate.js';
import { type DataSource, Dataset, getSample, normalizeIndex } from './dataset.js';

/**
 * The samples of a dataset at the given indices, in that order. Mirrors
 * `torch.utils.data.Subset`. Batches come from the parent's `getBatch` when it has one.
 *
 * @example
 * const evens = new Subset(ds, [0, 2, 4]);
 * evens.get(1); // ds.get(2)
 */
export class Subset<T> extends Dataset<T> implements BatchDataset<T> {
  /** The parent dataset (`.dataset`). */
  readonly dataset: DataSource<T>;
  /** The parent's indices, one per sample of the subset (`.indices`). */
  readonly indices: readonly number[];

  constructor(dataset: DataSource<T>, indices: ArrayLike<number>) {
    super();
    this.dataset = dataset;
    this.indices = Array.from(indices);
  }

  get length(): number {
    return this.indices.length;
  }

  getItem(index: number): T {
    return getSample(this.dataset, this.indices[index] as number);
  }

  getBatch(indices: readonly number[]): Collated<T> {
    const parent = indices.map((i) => this.indices[i] as number);
    if (hasGetBatch(this.dataset)) {
      const n = this.dataset.length;
      return this.dataset.getBatch(parent.map((i) => normalizeIndex(i, n, 'Subset')));
    }
    return defaultCollate(parent.map((i) => getSample(this.dataset, i)));
  }
}
