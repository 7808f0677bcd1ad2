import type { BufferLike, ReduceOp, View } from '@nabla/backend';
import type { Arr, Ops } from '../arr.js';

/**
 * The gradient of a reduction over `axes` (kept as size 1 in `y` and `g`).
 * - sum: `g` broadcast back;
 * - max / min: `g` split evenly between the tied extremes (PyTorch's rule for `max()`);
 * - prod: `g * y / x`, with zeros handled: one zero gets the product of the others, two or more
 *   zeros make every gradient 0.
 */
export function reduceGrad<B extends BufferLike>(
  k: Ops<B>,
  op: ReduceOp,
  g: Arr<B>,
  x: View<B>,
  y: Arr<B>,
  axes: readonly number[],
): Arr<B> {
  const gx = k.copy(k.to(g, x.shape));
  if (op === 'sum') return gx;
  if (op === 'max' || op === 'min') {
    const hit = k.mask('eq', x, k.to(y, x.shape));
    return k.mul(gx, k.div(hit, k.sum(hit, axes)));
  }
  const isZero = k.bin('eq', x, 0);
  const zeros = k.sum(k.mask('eq', x, 0), axes);
  const nonZeroProd: Arr<B> = {
    buf: k.b.reduce('prod', k.to(k.where(isZero, 1, k.copy(x)), x.shape), axes),
    shape: y.shape,
  };
  const noZero = k.mul(gx, k.div(k.to(y, x.shape), x));
  const oneZero = k.where(isZero, k.mul(gx, k.to(nonZeroProd, x.shape)), 0);
  return k.where(k.bin('eq', zeros, 0), noZero, k.where(k.bin('eq', zeros, 1), oneZero, 0));
}

/** PyTorch's node names: the `0` variants reduce every dimension, the `1` variants given dims. */
export function reduceName(op: ReduceOp, all: boolean): string {
  if (op === 'sum') return all ? 'SumBackward0' : 'SumBackward1';
  if (op === 'prod') return all ? 'ProdBackward0' : 'ProdBackward1';
  if (op === 'max') return all ? 'MaxBackward1' : 'AmaxBackward0';
  return all ? 'MinBackward1' : 'AminBackward0';
}
