/**
 * The `torch` namespace: tensors, their math and the random generator, as PyTorch's `torch`
 * module. `import { torch } from 'nabla'`, then `torch.tensor(...)`, `torch.manualSeed(123)`.
 */
import './default-device.js';

export * from '@nabla/tensor';
export { isGpuReady, useGpu } from './gpu.js';
export { getNumThreads, setNumThreads } from './threads.js';

/** `torch.float32` (also `torch.float`). */
export const float32 = 'float32' as const;
/** `torch.float`. */
export const float = 'float32' as const;
/** `torch.int32`. */
export const int32 = 'int32' as const;
/** `torch.long` / `torch.int64`: Nabla's integer type is int32. */
export const long = 'int32' as const;
/** `torch.int64`: Nabla's integer type is int32. */
export const int64 = 'int32' as const;
/** `torch.bool`. */
export const bool = 'bool' as const;

/** `torch.device(name)`: the name of a device, as tensors report it. */
export function device(name: string): string {
  return name;
}
