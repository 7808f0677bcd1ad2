/**
 * The functions of the `torch` namespace that take tensors: `torch.add(a, b)`, `torch.max(x, 1)`,
 * `torch.cat([a, b])`, ... The same operations are methods of {@link Tensor}.
 */
export {
  abs, add, ceil, clamp, cos, div, eq, exp, floor, ge, gt, le, log, log1p, logicalAnd, logicalNot,
  logicalOr, lt, maximum, minimum, mul, ne, neg, pow, relu, round, rsqrt, sigmoid, sign, sin, sqrt,
  sub, tanh, where,
} from './elementwise.js';
export { gather, index, indexPut, indexSelect } from './indexing.js';
export { bmm, dot, matmul, mm, outer } from './linalg.js';
export {
  cat, chunk, expand, flatten, flip, narrow, permute, repeat, reshape, split, squeeze, stack, t,
  transpose, unflatten, unsqueeze, view,
} from './movement.js';
export { pad, type PadMode } from './pad.js';
export {
  argmax, argmin, logSoftmax, logsumexp, max, mean, min, prod, softmax, std, sum, variance as var,
  type VarOptions,
} from './reduce.js';
