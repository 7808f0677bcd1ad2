import type { DType } from '@nabla/backend';
import { floatsPer } from './codegen/values.js';
import type { Device, DeviceArray } from './device.js';
import { encode } from './encoding.js';
import { GpuBuffer } from './gpu-buffer.js';
import type { MemoryTracker } from './memory.js';

/**
 * What every kernel gets: the device that compiles and runs gpu.js kernels, and a way to wrap
 * a kernel's output as a new, counted buffer.
 */
export class KernelContext {
  constructor(
    readonly device: Device,
    readonly memory: MemoryTracker,
  ) {}

  /** A new counted buffer of `size` elements of `dtype` holding the device array `data`. */
  output(dtype: DType, size: number, data: DeviceArray): GpuBuffer {
    return this.memory.track(new GpuBuffer(dtype, size, data, size * floatsPer(dtype)));
  }

  /** A new buffer holding `values`, converted as `castScalar` does, put on the device. */
  upload(values: ArrayLike<number>, dtype: DType): GpuBuffer {
    return this.output(dtype, values.length, this.device.upload(encode(values, dtype)));
  }

  /** A new buffer of `size` copies of `value` (empty reductions, empty products). */
  fill(dtype: DType, size: number, value: number): GpuBuffer {
    return this.upload(new Array<number>(size).fill(value), dtype);
  }
}
