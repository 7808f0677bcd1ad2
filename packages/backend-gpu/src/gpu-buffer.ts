import type { BufferLike, DType } from '@nabla/backend';
import type { DeviceArray } from './device.js';

/**
 * What a buffer's memory accounting needs, kept apart from the buffer itself so that the
 * FinalizationRegistry can free it after the buffer is garbage-collected.
 */
export interface Storage {
  /** The device array, or null once freed. `assign` swaps in a new one. */
  data: DeviceArray | null;
  /** Bytes held on the device: 4 per float. */
  readonly bytes: number;
}

/**
 * The storage of a GPU tensor: a flat run of `size` elements of one dtype, held on the device
 * as floats (what every gpu.js mode computes with): float32 as is, bool as 0 / 1, int32 as two
 * planes of 16-bit limbs (`size` low limbs, then `size` high limbs) so that every int32 is
 * exact. Shapes and strides live in the views that kernels read.
 *
 * Mirrors a `torch.UntypedStorage` on a CUDA device: freed by `dispose()` (or `tidy`), and, as
 * a safety net, when it is garbage-collected.
 *
 * @example
 * ```ts
 * const gpu = createGpuBackend({ mode: 'webasm' });
 * const b = gpu.fromValues([1, 2, 3], 'int32');
 * b.size; // 3 (6 floats on the device)
 * gpu.dispose(b);
 * ```
 */
export class GpuBuffer implements BufferLike {
  /** The element type. */
  readonly dtype: DType;
  /** The number of elements. */
  readonly size: number;
  /** @internal The device memory and its size; shared with the memory tracker. */
  readonly storage: Storage;

  /** Wraps `data`, a device array of `size * (dtype === 'int32' ? 2 : 1)` floats. */
  constructor(dtype: DType, size: number, data: DeviceArray, floats: number) {
    this.dtype = dtype;
    this.size = size;
    this.storage = { data, bytes: floats * 4 };
  }

  /** The device array; throws when the buffer was disposed. */
  get data(): DeviceArray {
    const data = this.storage.data;
    if (data === null) {
      throw new Error(
        `gpu backend: this ${this.dtype} buffer of ${this.size} elements was disposed`,
      );
    }
    return data;
  }
}
