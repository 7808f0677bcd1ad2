import { type DataSource, Dataset, getSample } from './dataset.js';

/**
 * Several datasets one after another. Mirrors `torch.utils.data.ConcatDataset`.
 *
 * @example
 * const both = new ConcatDataset([trainSet, extraSet]);
 * both.length; // trainSet.length + extraSet.length
 */
export class ConcatDataset<T> extends Dataset<T> {
  /** The datasets, in order (`.datasets`). */
  readonly datasets: readonly DataSource<T>[];
  /** The running total of their lengths (`.cumulative_sizes`). */
  readonly cumulativeSizes: readonly number[];

  constructor(datasets: readonly DataSource<T>[]) {
    super();
    if (datasets.length === 0) {
      throw new Error('ConcatDataset: datasets should not be an empty iterable');
    }
    this.datasets = [...datasets];
    let total = 0;
    this.cumulativeSizes = this.datasets.map((d) => (total += d.length));
  }

  get length(): number {
    return this.cumulativeSizes[this.cumulativeSizes.length - 1] ?? 0;
  }

  getItem(index: number): T {
    // the first dataset whose running total exceeds index (bisect_right)
    let lo = 0;
    let hi = this.cumulativeSizes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulativeSizes[mid] as number) <= index) lo = mid + 1;
      else hi = mid;
    }
    const before = lo === 0 ? 0 : (this.cumulativeSizes[lo - 1] as number);
    return getSample(this.datasets[lo] as DataSource<T>, index - before);
  }
}
