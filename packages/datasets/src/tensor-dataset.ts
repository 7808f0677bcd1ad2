import { Tensor } from '@nabla/tensor';
import type { BatchDataset } from './batch-dataset.js';
import { runStart } from './batch-dataset.js';
import type { Collated } from './collate.js';
import { Dataset } from './dataset.js';

/**
 * A dataset of tensors that share their first dimension: sample `i` is `[t0[i], t1[i], ...]`.
 * Mirrors `torch.utils.data.TensorDataset`.
 *
 * A DataLoader reads whole batches from it without touching samples one by one: a run of
 * consecutive indices (no shuffling) is a view of each tensor (`narrow`, no copy), a shuffled
 * batch one `indexSelect` per tensor.
 *
 * @example
 * const ds = new TensorDataset(randn(100, 4), randint(0, 3, [100]));
 * ds.length; // 100
 * const [x, y] = ds.get(-1); // x: [4], y: [] (the last sample)
 */
export class TensorDataset<T extends readonly Tensor[] = Tensor[]>
  extends Dataset<T>
  implements BatchDataset<T>
{
  /** The tensors, as given (`.tensors`). */
  readonly tensors: T;

  constructor(...tensors: T) {
    super();
    const first = tensors[0];
    if (first === undefined) throw new Error('TensorDataset: expected at least one tensor');
    tensors.forEach((t, i) => {
      if (!(t instanceof Tensor))
        throw new TypeError(`TensorDataset: argument ${i} is not a Tensor`);
      if (t.ndim === 0) throw new RangeError(`TensorDataset: tensor ${i} is 0-dimensional`);
      if (t.shape[0] !== first.shape[0]) {
        throw new RangeError(
          `TensorDataset: size mismatch between tensors: tensor ${i} has shape [${t.shape.join(', ')}], tensor 0 has [${first.shape.join(', ')}] (the first dimensions must agree)`,
        );
      }
    });
    this.tensors = tensors;
  }

  get length(): number {
    return this.tensors[0]?.shape[0] ?? 0;
  }

  getItem(index: number): T {
    return this.tensors.map((t) => t.index(index)) as unknown as T;
  }

  getBatch(indices: readonly number[]): Collated<T> {
    const start = runStart(indices);
    // batch: [B, ...] per tensor; a run of indices is a view, anything else one gather
    const pick =
      start >= 0
        ? (t: Tensor) => t.narrow(0, start, indices.length)
        : (t: Tensor) => t.indexSelect(0, indices);
    return this.tensors.map(pick) as unknown as Collated<T>;
  }
}
