import type { Collated } from './collate.js';
import type { DataSource, DatasetLike } from './dataset.js';

/**
 * A dataset that can also hand out a whole batch at once, faster than reading the samples one by
 * one and collating them: a TensorDataset slices its tensors, MNIST converts all the images of a
 * batch in one pass. `getBatch(indices)` must equal `defaultCollate(indices.map(get))`; the
 * DataLoader uses it whenever it collates with the default collate. PyTorch 2's
 * `Dataset.__getitems__` plays a similar role.
 */
export interface BatchDataset<T> extends DatasetLike<T> {
  /** The samples at `indices` (non-negative, in range), collated. */
  getBatch(indices: readonly number[]): Collated<T>;
}

/** True when `source` is a dataset with a `getBatch` method. */
export function hasGetBatch<T>(source: DataSource<T>): source is BatchDataset<T> {
  return (
    !Array.isArray(source) && typeof (source as Partial<BatchDataset<T>>).getBatch === 'function'
  );
}

/**
 * The start of `indices` when they are consecutive and ascending (`[5, 6, 7]`: 5), else -1:
 * such a batch is a slice of the data, which needs no gather.
 */
export function runStart(indices: readonly number[]): number {
  const start = indices[0] ?? -1;
  for (let k = 1; k < indices.length; k++) if (indices[k] !== start + k) return -1;
  return start;
}
