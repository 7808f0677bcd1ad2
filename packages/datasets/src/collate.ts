import type { DType } from '@nabla/backend';
import { stack, Tensor, tensor } from '@nabla/tensor';

/**
 * The type of a batch that {@link defaultCollate} makes from samples of type `T`: tensors are
 * stacked, numbers and booleans become a 1-D tensor, strings stay a list, and tuples, arrays and
 * plain objects are collated position by position (key by key).
 */
export type Collated<T> = T extends Tensor
  ? Tensor
  : T extends number | boolean
    ? Tensor
    : T extends string
      ? string[]
      : T extends ArrayBufferView
        ? Tensor
        : T extends readonly unknown[]
          ? { -readonly [K in keyof T]: Collated<T[K]> }
          : T extends object
            ? { -readonly [K in keyof T]: Collated<T[K]> }
            : never;

type Kind = 'tensor' | 'number' | 'boolean' | 'string' | 'typed' | 'array' | 'image' | 'object';

function kindOf(x: unknown): Kind | null {
  if (x instanceof Tensor) return 'tensor';
  if (typeof x === 'number') return 'number';
  if (typeof x === 'boolean') return 'boolean';
  if (typeof x === 'string') return 'string';
  if (ArrayBuffer.isView(x)) return 'typed';
  if (Array.isArray(x)) return 'array';
  if (typeof x === 'object' && x !== null) {
    const o = x as Record<string, unknown>;
    if (ArrayBuffer.isView(o.data) && typeof o.width === 'number' && typeof o.height === 'number')
      return 'image';
    return 'object';
  }
  return null;
}

const describe = (x: unknown): string =>
  x === null
    ? 'null'
    : x instanceof Tensor
      ? 'a Tensor'
      : Array.isArray(x)
        ? 'an array'
        : `a ${typeof x}`;

/**
 * Puts a list of samples together into one batch, as PyTorch's
 * `torch.utils.data.default_collate`: tensors are stacked along a new first dimension; numbers
 * become a 1-D tensor, int32 when all are integers (PyTorch's int64) and float32 otherwise;
 * booleans a bool tensor; typed arrays are stacked like NumPy arrays; strings stay a list; tuples,
 * arrays and plain objects are collated element by element (key by key), recursively.
 *
 * JavaScript has one number type, so a label batch `[0, 1, 2]` is int32 and `[0.5, 1]` float32;
 * give a regression target as a float tensor (a TensorDataset does) to keep it float.
 *
 * @example
 * defaultCollate([[tensor([1, 2]), 0], [tensor([3, 4]), 1]]);
 * // [tensor([[1, 2], [3, 4]]), tensor([0, 1])]
 */
export function defaultCollate<T>(batch: readonly T[]): Collated<T> {
  return collate(batch, 'batch') as Collated<T>;
}

function collate(batch: readonly unknown[], where: string): unknown {
  if (batch.length === 0) throw new Error('defaultCollate: the batch is empty');
  const first = batch[0];
  const kind = kindOf(first);
  batch.forEach((x, i) => {
    if (kindOf(x) !== kind) {
      throw new TypeError(
        `defaultCollate: ${where}: sample ${i} is ${describe(x)}, sample 0 ${describe(first)}`,
      );
    }
  });
  switch (kind) {
    case 'tensor':
      try {
        return stack(batch as Tensor[]);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new RangeError(`defaultCollate: ${where}: ${reason}`, { cause: error });
      }
    case 'number': {
      const values = Float64Array.from(batch as number[]);
      const dtype: DType = values.every(Number.isInteger) ? 'int32' : 'float32';
      return tensor(values, { dtype });
    }
    case 'boolean':
      return tensor(Float64Array.from(batch as boolean[], Number), { dtype: 'bool' });
    case 'string':
      return [...(batch as string[])];
    case 'typed':
      return stack((batch as ArrayBufferView[]).map((a) => tensor(a as Float32Array)));
    case 'array': {
      const rows = batch as readonly unknown[][];
      const size = (first as unknown[]).length;
      rows.forEach((row, i) => {
        if (row.length !== size) {
          throw new RangeError(
            `defaultCollate: ${where}: each sample should have the same number of elements, but sample ${i} has ${row.length} and sample 0 has ${size}`,
          );
        }
      });
      return Array.from({ length: size }, (_, k) =>
        collate(
          rows.map((row) => row[k]),
          `${where}[${k}]`,
        ),
      );
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(first as object)) {
        out[key] = collate(
          batch.map((x) => (x as Record<string, unknown>)[key]),
          `${where}.${key}`,
        );
      }
      return out;
    }
    case 'image':
      throw new TypeError(
        `defaultCollate: ${where} holds raw images, which cannot be stacked: give the dataset a transform that ends in ToTensor()`,
      );
    default:
      throw new TypeError(
        `defaultCollate: ${where} must contain tensors, numbers, booleans, strings, typed arrays, arrays or objects; found ${describe(first)}`,
      );
  }
}
