import type { BufferLike, UnaryOp, View } from '@nabla/backend';
import type { Arr, Ops } from '../arr.js';

type UnaryGrad = <B extends BufferLike>(k: Ops<B>, g: Arr<B>, x: View<B>, y: Arr<B>) => Arr<B>;

/** d(op(x))/dx times the incoming gradient `g`, one line per op; `y` is the op's output. */
export const UNARY_GRADS: Partial<Record<UnaryOp, UnaryGrad>> = {
  neg: (k, g) => k.un('neg', g),
  abs: (k, g, x) => k.mul(g, k.un('sign', x)),
  sign: (k, g) => k.zeros(g.shape),
  floor: (k, g) => k.zeros(g.shape),
  ceil: (k, g) => k.zeros(g.shape),
  round: (k, g) => k.zeros(g.shape),
  exp: (k, g, _x, y) => k.mul(g, y),
  log: (k, g, x) => k.div(g, x),
  log1p: (k, g, x) => k.div(g, k.add(x, 1)),
  sqrt: (k, g, _x, y) => k.div(g, k.mul(y, 2)),
  rsqrt: (k, g, _x, y) => k.mul(g, k.mul(k.mul(k.mul(y, y), y), -0.5)),
  sin: (k, g, x) => k.mul(g, k.un('cos', x)),
  cos: (k, g, x) => k.mul(g, k.un('neg', k.un('sin', x))),
  tanh: (k, g, _x, y) => k.mul(g, k.sub(1, k.mul(y, y))),
  erf: (k, g, x) => k.mul(g, k.mul(k.un('exp', k.un('neg', k.mul(x, x))), 2 / Math.sqrt(Math.PI))),
  sigmoid: (k, g, _x, y) => k.mul(g, k.mul(y, k.sub(1, y))),
  // PyTorch's threshold_backward(g, y, 0): 0 where y <= 0 (so at exactly 0 too), else g (a NaN
  // passes its gradient on)
  relu: (k, g, _x, y) => k.thresholdBackward(g, y, 0),
};

/** PyTorch's names of the backward nodes of unary ops. */
export const UNARY_NAMES: Partial<Record<UnaryOp, string>> = {
  neg: 'NegBackward0',
  abs: 'AbsBackward0',
  sign: 'SignBackward0',
  floor: 'FloorBackward0',
  ceil: 'CeilBackward0',
  round: 'RoundBackward0',
  exp: 'ExpBackward0',
  log: 'LogBackward0',
  log1p: 'Log1PBackward0',
  sqrt: 'SqrtBackward0',
  rsqrt: 'RsqrtBackward0',
  sin: 'SinBackward0',
  cos: 'CosBackward0',
  tanh: 'TanhBackward0',
  erf: 'ErfBackward0',
  sigmoid: 'SigmoidBackward0',
  relu: 'ReluBackward0',
};

/** The unary ops whose gradient reads the input (PyTorch saves `self` for them). */
export const UNARY_SAVES_INPUT: ReadonlySet<UnaryOp> = new Set([
  'abs',
  'log',
  'log1p',
  'sin',
  'cos',
]);

/** The unary ops whose gradient reads the output (PyTorch saves `result` for them). */
export const UNARY_SAVES_OUTPUT: ReadonlySet<UnaryOp> = new Set([
  'exp',
  'sqrt',
  'rsqrt',
  'tanh',
  'sigmoid',
  'relu',
]);
