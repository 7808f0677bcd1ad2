import type { BufferLike, View } from '@nabla/backend';
import type { Arr, Ops } from '../arr.js';

/** `torch.gather`: the gradient is scattered back, adding where an index repeats. */
export function gatherGrad<B extends BufferLike>(
  k: Ops<B>,
  g: Arr<B>,
  x: View<B>,
  axis: number,
  index: View<B>,
): Arr<B> {
  const zeros = k.zeros(x.shape);
  const buf = k.b.scatter(k.to(zeros, x.shape), axis, index, k.to(g, g.shape), true);
  return { buf, shape: x.shape };
}

/**
 * `torch.scatter` / `scatter_add`: the source gets the gradient at its target positions; the
 * input keeps it everywhere (scatter_add) or everywhere but the overwritten positions (scatter).
 */
export function scatterGrad<B extends BufferLike>(
  k: Ops<B>,
  g: Arr<B>,
  axis: number,
  index: View<B>,
  src: View<B>,
  accumulate: boolean,
): [Arr<B>, Arr<B>] {
  const gv = k.to(g, g.shape);
  const gx = accumulate
    ? g
    : {
        buf: k.b.scatter(gv, axis, index, k.to(k.zeros(src.shape), src.shape), false),
        shape: g.shape,
      };
  return [gx, { buf: k.b.gather(gv, axis, index), shape: index.shape }];
}
