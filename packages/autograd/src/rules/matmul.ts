import type { BufferLike, View } from '@nabla/backend';
import type { Arr, Ops } from '../arr.js';

/**
 * `y = a @ b`: `ga = g @ bᵀ`, `gb = aᵀ @ g` (batch broadcasting is undone by the engine). When
 * `b` is a transposed matrix (`x @ W.T` in a Linear layer), `gb` is computed as `(gᵀ @ a)ᵀ`:
 * the same sums, already in `W`'s layout, so the engine does not transpose it back.
 */
export function matmulGrad<B extends BufferLike>(
  k: Ops<B>,
  g: Arr<B>,
  a: View<B>,
  b: View<B>,
  needs: readonly boolean[],
): [Arr<B> | null, Arr<B> | null] {
  const gv = k.to(g, g.shape);
  const ga = needs[0] ? k.matmul(gv, k.mT(b)) : null;
  if (!needs[1]) return [ga, null];
  if (!isTransposedMatrix(b)) return [ga, k.matmul(k.mT(a), gv)];
  const gbT = k.matmul(k.mT(gv), a); // [N, K], row-major: b's buffer layout
  return [ga, { buf: gbT.buf, shape: b.shape, strides: b.strides }];
}

/** A 2-D view that reads a row-major `[N, K]` buffer as `[K, N]` (strides `[1, K]`). */
function isTransposedMatrix<B>(v: View<B>): boolean {
  return (
    v.shape.length === 2 && v.strides[0] === 1 && v.strides[1] === v.shape[0] && v.offset === 0
  );
}
