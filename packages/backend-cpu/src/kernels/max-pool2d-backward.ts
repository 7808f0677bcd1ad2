import type { Pool2dParams, Shape, View } from '@nabla/backend';
import { CpuBuffer } from '../cpu-buffer.js';
import { dense } from '../strided.js';
import { dense4d } from './im2col.js';

/**
 * The gradient of {@link maxPool2d}: each element of `grad` added, in float32 and row-major
 * order as PyTorch does, into the position of its plane that `indices` names; zeros elsewhere.
 * Overlapping windows (stride under the kernel) that chose the same position add up.
 *
 * grad: [N, C, Ho, Wo], indices: [N, C, Ho, Wo] (int32) -> [N, C, H, W] (`inputShape`)
 */
export function maxPool2dBackward(
  grad: View<CpuBuffer>,
  indices: View<CpuBuffer>,
  inputShape: Shape,
  p: Pool2dParams,
): CpuBuffer {
  const [n, c, h, w] = inputShape as [number, number, number, number];
  const per = p.outSize[0] * p.outSize[1];
  const gs = dense4d(grad);
  const is = dense(indices);
  const out = new Float32Array(n * c * h * w);
  let at = 0;
  for (let plane = 0; plane < n * c; plane++) {
    const base = plane * h * w;
    for (let k = 0; k < per; k++, at++) {
      const to = base + (is[at] as number);
      out[to] = (out[to] as number) + (gs[at] as number);
    }
  }
  return new CpuBuffer('float32', out);
}
