import type { Backend, BufferLike, Conv2dParams, Pool2dParams, View } from '@nabla/backend';
import { contiguousView } from '@nabla/backend';
import type { Arr, Ops } from '../arr.js';

/** The fused convolution kernels of a backend that has all three. */
export interface ConvKernels<B extends BufferLike> {
  conv2d: NonNullable<Backend<B>['conv2d']>;
  conv2dBackwardInput: NonNullable<Backend<B>['conv2dBackwardInput']>;
  conv2dBackwardWeight: NonNullable<Backend<B>['conv2dBackwardWeight']>;
}

/**
 * `y = conv2d(x, w) + b`: `gx` and `gw` by the backend's two backward kernels, `gb` the sum of
 * `g` over the batch and both spatial dimensions (PyTorch's `ConvolutionBackward0`).
 */
export function conv2dGrad<B extends BufferLike>(
  k: Ops<B>,
  kernels: ConvKernels<B>,
  g: Arr<B>,
  x: View<B>,
  w: View<B>,
  p: Conv2dParams,
  needs: readonly boolean[],
): (Arr<B> | null)[] {
  const gv = contiguousView(g.buf, g.shape);
  const be = k.b;
  const gx = needs[0]
    ? { buf: kernels.conv2dBackwardInput.call(be, gv, w, x.shape, p), shape: x.shape }
    : null;
  const gw = needs[1]
    ? { buf: kernels.conv2dBackwardWeight.call(be, gv, x, w.shape, p), shape: w.shape }
    : null;
  const o = g.shape[1] as number;
  const gb = needs[2] ? { buf: k.sum(g, [0, 2, 3]).buf, shape: [o] } : null;
  return [gx, gw, gb];
}

/** `y = max_pool2d(x)` with indices: `g` added into the positions the indices name. */
export function maxPool2dGrad<B extends BufferLike>(
  k: Ops<B>,
  backward: NonNullable<Backend<B>['maxPool2dBackward']>,
  g: Arr<B>,
  indices: View<B>,
  inputShape: readonly number[],
  p: Pool2dParams,
): Arr<B> {
  const buf = backward.call(k.b, contiguousView(g.buf, g.shape), indices, inputShape, p);
  return { buf, shape: inputShape };
}
