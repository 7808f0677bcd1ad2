import type { Conv2dParams, Shape, View } from '@nabla/backend';
import { numel } from '@nabla/backend';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';
import { correlate } from './correlate.js';
import { padPlanes, releasePlanes } from './pad-planes.js';

/**
 * The gradient of {@link conv2d} with respect to its input (`torch.nn.grad.conv2d_input`), as
 * a transposed convolution: one thread per input element gathers the products of the output
 * gradients whose windows cover it with the weights that joined them, so overlapping windows
 * add up without atomics or a scatter. The gradient is first spread onto the input's grid (a
 * stride-`s` output lands every `s`-th row, zeros between and around, see `padPlanes`); each
 * input element then sums `O/groups * kH * kW` products in constant-bound loops, compensated.
 *
 * grad: [N, O, Ho, Wo], weight: [O, C / groups, kH, kW] -> inputShape [N, C, H, W]
 */
export function conv2dBackwardInput(
  ctx: KernelContext,
  grad: View<GpuBuffer>,
  weight: View<GpuBuffer>,
  inputShape: Shape,
  p: Conv2dParams,
): GpuBuffer {
  const [n, c, h, w] = inputShape as [number, number, number, number];
  const [o, cg, kh, kw] = weight.shape as [number, number, number, number];
  const size = numel(inputShape);
  if (size === 0) return ctx.output('float32', 0, new Float32Array(0));
  if (numel(grad.shape) === 0 || numel(weight.shape) === 0) return ctx.fill('float32', size, 0);
  const [dh, dw] = p.dilation;
  // spread row R holds output row (R - lead) / stride: input row h meets window row i at
  // R = h + (kH - 1 - i) * dilation
  const reach = [(kh - 1) * dh, (kw - 1) * dw] as const;
  const spread = padPlanes(ctx, grad, {
    lead: [reach[0] - p.padding[0], reach[1] - p.padding[1]],
    step: p.stride,
    size: [h + reach[0], w + reach[1]],
  });
  const og = o / p.groups;
  const [w0, w1, w2, w3] = weight.strides as [number, number, number, number];
  try {
    return correlate(ctx, 'conv2d-backward-input', spread, weight, null, {
      out: [n, c, h, w],
      groups: p.groups,
      window: [og, kh, kw],
      stride: [1, 1],
      dilation: [-dh, -dw],
      origin: reach,
      // input channel c of group g meets weight [g * O/groups + k][c - g * C/groups]
      weightStrides: [w1, og * w0 - cg * w1, w0, w2, w3],
      weightOffset: weight.offset,
    });
  } finally {
    releasePlanes(ctx, spread);
  }
}
