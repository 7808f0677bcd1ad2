/**
 * What the DataLoader reads from: anything with a `length` and a `get(index)`, or a plain array.
 * Mirrors a PyTorch map-style dataset (`__len__` and `__getitem__`).
 */
export interface DatasetLike<T> {
  /** The number of samples (`len(dataset)`). */
  readonly length: number;
  /** The sample at `index` (`dataset[index]`). */
  get(index: number): T;
}

/** A dataset or a plain array of samples, as the DataLoader and Subset take them. */
export type DataSource<T> = DatasetLike<T> | readonly T[];

/**
 * Checks an index against a length and resolves a negative one from the end, as Python's
 * sequences do: -1 is the last sample.
 *
 * @throws RangeError `<what>: index 10 is out of range for 10 samples`
 */
export function normalizeIndex(index: number, length: number, what = 'dataset'): number {
  if (!Number.isInteger(index)) {
    throw new TypeError(`${what}: index must be an integer, got ${index}`);
  }
  const i = index < 0 ? index + length : index;
  if (i < 0 || i >= length) {
    throw new RangeError(`${what}: index ${index} is out of range for ${length} samples`);
  }
  return i;
}

/**
 * The base class of datasets, PyTorch's `torch.utils.data.Dataset`. A subclass defines `length`
 * (`__len__`) and `getItem(index)` (`__getitem__`), which receives an index already checked and
 * made non-negative; users call `get(index)`, which also takes negative indices (`ds.get(-1)` is
 * the last sample, as `ds[-1]` in Python). Datasets are iterable.
 *
 * @example
 * class Squares extends Dataset<[number, number]> {
 *   get length() { return 5; }
 *   getItem(i: number): [number, number] { return [i, i * i]; }
 * }
 * new Squares().get(-1); // [4, 16]
 */
export abstract class Dataset<T> implements DatasetLike<T> {
  /** The number of samples (`__len__`). */
  abstract get length(): number;

  /** The sample at a non-negative index below `length` (`__getitem__`). */
  abstract getItem(index: number): T;

  /** The sample at `index`; a negative index counts from the end. */
  get(index: number): T {
    return this.getItem(normalizeIndex(index, this.length, this.constructor.name));
  }

  /** Iterates the samples in order, as `for x in dataset` does in Python. */
  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.length; i++) yield this.getItem(i);
  }
}

/** Reads sample `index` of a dataset or an array (negative indices count from the end). */
export function getSample<T>(source: DataSource<T>, index: number): T {
  if (Array.isArray(source)) {
    const items = source as readonly T[];
    return items[normalizeIndex(index, items.length, 'array')] as T;
  }
  return (source as DatasetLike<T>).get(index);
}

/** Wraps a plain array so it can be read as a dataset; a dataset is returned as it is. */
export function asDataset<T>(source: DataSource<T>): DatasetLike<T> {
  if (!Array.isArray(source)) return source as DatasetLike<T>;
  const items = source as readonly T[];
  return { length: items.length, get: (index: number) => getSample(items, index) };
}
