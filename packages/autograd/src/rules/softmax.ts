import type { BufferLike } from '@nabla/backend';
import type { Arr, Ops } from '../arr.js';

/** `y = softmax(x)`: `gx = y * (g - sum(g * y))` along the axis. */
export function softmaxGrad<B extends BufferLike>(
  k: Ops<B>,
  g: Arr<B>,
  y: Arr<B>,
  axis: number,
): Arr<B> {
  return k.mul(y, k.sub(g, k.sum(k.mul(g, y), [axis])));
}

/** `y = log_softmax(x)`: `gx = g - exp(y) * sum(g)` along the axis. */
export function logSoftmaxGrad<B extends BufferLike>(
  k: Ops<B>,
  g: Arr<B>,
  y: Arr<B>,
  axis: number,
): Arr<B> {
  return k.sub(g, k.mul(k.un('exp', y), k.sum(g, [axis])));
}
