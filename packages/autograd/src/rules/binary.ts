import type { BinaryOp, BufferLike, View } from '@nabla/backend';
import type { Arr, Ops } from '../arr.js';

type BinaryGrad = <B extends BufferLike>(
  k: Ops<B>,
  g: Arr<B>,
  a: View<B>,
  b: View<B>,
  y: Arr<B>,
) => [Arr<B>, Arr<B>];

/** Splits `g` between two tied arguments of maximum / minimum, as PyTorch does (half each). */
function tieSplit<B extends BufferLike>(
  k: Ops<B>,
  g: Arr<B>,
  a: View<B>,
  b: View<B>,
  win: 'gt' | 'lt',
): [Arr<B>, Arr<B>] {
  // zero only where the other side wins: with a NaN both sides get the gradient, as in PyTorch
  const half = k.where(k.bin('eq', a, b), k.mul(g, 0.5), g);
  const [aLoses, bLoses] = win === 'gt' ? (['lt', 'gt'] as const) : (['gt', 'lt'] as const);
  return [k.where(k.bin(aLoses, a, b), 0, half), k.where(k.bin(bLoses, a, b), 0, half)];
}

/**
 * The gradients of a binary op with respect to both of its (broadcast) inputs. Broadcasting is
 * undone afterwards by the engine, which sums over the stride-0 dimensions of each input view.
 */
export const BINARY_GRADS: Partial<Record<BinaryOp, BinaryGrad>> = {
  add: (_k, g) => [g, g],
  sub: (k, g) => [g, k.un('neg', g)],
  mul: (k, g, a, b) => [k.mul(g, b), k.mul(g, a)],
  div: (k, g, a, b) => [k.div(g, b), k.un('neg', k.div(k.mul(g, a), k.mul(b, b)))],
  pow: (k, g, a, b, y) => {
    // d/da = b * a^(b-1), 0 where b == 0; d/db = y * log(a), 0 where a == 0 and b >= 0
    const da = k.where(k.bin('eq', b, 0), 0, k.mul(b, k.bin('pow', a, k.sub(b, 1))));
    const atZero = k.bin('and', k.bin('eq', a, 0), k.bin('ge', b, 0));
    const db = k.where(atZero, 0, k.mul(y, k.un('log', a)));
    return [k.mul(g, da), k.mul(g, db)];
  },
  maximum: (k, g, a, b) => tieSplit(k, g, a, b, 'gt'),
  minimum: (k, g, a, b) => tieSplit(k, g, a, b, 'lt'),
};

/** PyTorch's names of the backward nodes of binary ops (with a tensor on both sides). */
export const BINARY_NAMES: Partial<Record<BinaryOp, string>> = {
  add: 'AddBackward0',
  sub: 'SubBackward0',
  mul: 'MulBackward0',
  div: 'DivBackward0',
  pow: 'PowBackward1',
  maximum: 'MaximumBackward0',
  minimum: 'MinimumBackward0',
};
