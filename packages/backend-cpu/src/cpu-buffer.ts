import type { BufferLike, DType, TypedArray } from '@nabla/backend';

/**
 * The storage of a CPU tensor: a flat JavaScript typed array (`Float32Array` for float32,
 * `Int32Array` for int32, `Uint8Array` of 0 / 1 for bool). Shapes and strides live in the
 * views that kernels read, so many tensors (views) may share one buffer.
 *
 * Mirrors a `torch.UntypedStorage` on `torch.device('cpu')`.
 *
 * @example
 * ```ts
 * const b = new CpuBuffer('float32', new Float32Array([1, 2, 3]));
 * b.size; // 3
 * ```
 */
export class CpuBuffer implements BufferLike {
  /** The element type. */
  readonly dtype: DType;
  /** The number of elements, `data.length`. */
  readonly size: number;
  /** The elements. Kernels write only into buffers they allocate, except `assign`. */
  readonly data: TypedArray;

  /** Wraps `data` (not copied); its class must be the one `allocHost` gives for `dtype`. */
  constructor(dtype: DType, data: TypedArray) {
    this.dtype = dtype;
    this.size = data.length;
    this.data = data;
  }
}
