import type { View } from '@nabla/backend';
import type { GpuBuffer } from '../gpu-buffer.js';

/**
 * What a kernel's source and constants depend on in one operand: its buffer's dtype and size,
 * and the view's shape, strides and offset. A kernel's cache signature joins these with its op
 * and other parameters, so equal signatures always mean the same compiled kernel.
 *
 * @example
 * ```ts
 * viewKey({ buffer, shape: [2, 3], strides: [3, 1], offset: 0 }); // 'float32 6 [2,3] [3,1] 0'
 * ```
 */
export function viewKey(v: View<GpuBuffer>): string {
  return `${v.buffer.dtype} ${v.buffer.size} [${v.shape.join()}] [${v.strides.join()}] ${v.offset}`;
}
