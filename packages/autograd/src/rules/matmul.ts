import type { BufferLike, View } from '@nabla/backend';
import type { Arr, Ops } from '../arr.js';

/** `y = a @ b`: `ga = g @ bᵀ`, `gb = aᵀ @ g` (batch broadcasting is undone by the engine). */
export function matmulGrad<B extends BufferLike>(
  k: Ops<B>,
  g: Arr<B>,
  a: View<B>,
  b: View<B>,
  needs: readonly boolean[],
): [Arr<B> | null, Arr<B> | null] {
  const gv = k.to(g, g.shape);
  return [needs[0] ? k.matmul(gv, k.mT(b)) : null, needs[1] ? k.matmul(k.mT(a), gv) : null];
}
