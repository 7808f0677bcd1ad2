import { AdBuffer, autodiff } from '@nabla/autograd';
import type { BufferLike } from '@nabla/backend';
import {
  createGpuBackend,
  type GpuBackend,
  type GpuBackendOptions,
  GpuBuffer,
  type ModeChoice,
} from '@nabla/backend-gpu';
import { type DeviceMemory, hasDevice, useDevice } from '@nabla/tensor';

/**
 * Makes the gpu.js backend the device 'gpu' (with autograd), so that `tensor.to('gpu')`,
 * `model.to('gpu')` and `{ device: 'gpu' }` work; returns which gpu.js mode it chose and why.
 * Nothing is registered until a program calls this (PyTorch's CUDA device needs no call; a
 * browser or Node program here decides whether to load gpu.js at all). The device's storage
 * is freed by `tidy` and `dispose()` and counted by `torch.memory()`.
 *
 * @example
 * const { mode, reason } = useGpu(); // { mode: 'webasm', reason: 'no hardware GPU; ...' } in Node
 * const x = torch.randn(2, 3).to('gpu');
 */
export function useGpu(options: GpuBackendOptions = {}): ModeChoice {
  const backend = createGpuBackend(options);
  useDevice('gpu', autodiff(backend), { memory: gpuMemory(backend) });
  return backend.modeChoice;
}

/** Whether a 'gpu' device has been set up (`torch.cuda.is_available()` after {@link useGpu}). */
export function isGpuReady(): boolean {
  return hasDevice('gpu');
}

/** The GPU backend's memory scopes, seen through the autodiff buffers tensors hold. */
function gpuMemory(gpu: GpuBackend): DeviceMemory {
  const own = (buffer: BufferLike): GpuBuffer | null => {
    const inner = buffer instanceof AdBuffer ? (buffer.inner as BufferLike) : buffer;
    return inner instanceof GpuBuffer ? inner : null;
  };
  const owned = (buffers: Iterable<BufferLike>): GpuBuffer[] =>
    [...buffers].map(own).filter((b): b is GpuBuffer => b !== null);
  return {
    startScope: () => gpu.startScope(),
    endScope: (keep, drop) => gpu.endScope(new Set(owned(keep)), owned(drop)),
    owns: (buffer) => {
      const b = own(buffer);
      return b !== null && gpu.inScope(b);
    },
    memory: () => gpu.memory(),
  };
}
