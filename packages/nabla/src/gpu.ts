import { autodiff } from '@nabla/autograd';
import { createGpuBackend, type GpuBackendOptions, type ModeChoice } from '@nabla/backend-gpu';
import { hasDevice, useDevice } from '@nabla/tensor';

/**
 * Makes the gpu.js backend the device 'gpu' (with autograd), so that `tensor.to('gpu')`,
 * `model.to('gpu')` and `{ device: 'gpu' }` work; returns which gpu.js mode it chose and why.
 * Nothing is registered until a program calls this (PyTorch's CUDA device needs no call; a
 * browser or Node program here decides whether to load gpu.js at all).
 *
 * @example
 * const { mode, reason } = useGpu(); // { mode: 'webasm', reason: 'no hardware GPU; ...' } in Node
 * const x = torch.randn(2, 3).to('gpu');
 */
export function useGpu(options: GpuBackendOptions = {}): ModeChoice {
  const backend = createGpuBackend(options);
  useDevice('gpu', autodiff(backend));
  return backend.modeChoice;
}

/** Whether a 'gpu' device has been set up (`torch.cuda.is_available()` after {@link useGpu}). */
export function isGpuReady(): boolean {
  return hasDevice('gpu');
}
