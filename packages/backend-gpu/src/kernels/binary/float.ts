import type { BinaryOp } from '@nabla/backend';
import { MAX_FLOAT32 } from '../../codegen/int32.js';

/**
 * Each binary op on float values `a` and `b` (local names), as a kernel expression; bool
 * results are 0 / 1. Comparisons with NaN are false (`ne` true), as in IEEE arithmetic.
 */
export const FLOAT_BINARY: Readonly<Record<BinaryOp, (a: string, b: string) => string>> = {
  add: (a, b) => `${a} + ${b}`,
  sub: (a, b) => `${a} - ${b}`,
  mul: (a, b) => `${a} * ${b}`,
  div: (a, b) => `${a} / ${b}`,
  // C's pow, which PyTorch follows: pow(1, y) = 1 and pow(-1, ±inf) = 1, where Math.pow gives NaN
  pow: (a, b) =>
    `(${a} == 1 || ${b} == 0) ? 1 : ((${a} == -1 && Math.abs(${b}) > ${MAX_FLOAT32}) ? 1 : Math.pow(${a}, ${b}))`,
  // NaN on either side gives NaN
  maximum: (a, b) => `${a} != ${a} ? ${a} : (${b} != ${b} ? ${b} : (${a} > ${b} ? ${a} : ${b}))`,
  minimum: (a, b) => `${a} != ${a} ? ${a} : (${b} != ${b} ? ${b} : (${a} < ${b} ? ${a} : ${b}))`,
  eq: (a, b) => `${a} == ${b} ? 1 : 0`,
  ne: (a, b) => `${a} != ${b} ? 1 : 0`,
  lt: (a, b) => `${a} < ${b} ? 1 : 0`,
  le: (a, b) => `${a} <= ${b} ? 1 : 0`,
  gt: (a, b) => `${a} > ${b} ? 1 : 0`,
  ge: (a, b) => `${a} >= ${b} ? 1 : 0`,
  and: (a, b) => `(${a} != 0 && ${b} != 0) ? 1 : 0`,
  or: (a, b) => `(${a} != 0 || ${b} != 0) ? 1 : 0`,
};
