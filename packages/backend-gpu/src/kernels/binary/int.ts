import type { BinaryOp } from '@nabla/backend';
import {
  type Int,
  intAdd,
  intEqual,
  intLess,
  intMul,
  intSelect,
  intSub,
} from '../../codegen/int32.js';
import { intDiv } from '../../codegen/int32-div.js';
import { intPow } from '../../codegen/int32-pow.js';
import type { KernelSource } from '../../codegen/kernel-source.js';
import { float, int, isNonZero, type Value } from '../../codegen/values.js';

const flag = (cond: string): Value => float(`${cond} ? 1 : 0`);

/**
 * Each binary op on int32 limbs, exactly: arithmetic wraps as C int32 (`Math.imul` for mul),
 * `div` truncates toward zero, `pow` repeats wrapping products; comparisons and logical ops
 * give bool (0 / 1).
 */
export const INT_BINARY: Readonly<Record<BinaryOp, (src: KernelSource, a: Int, b: Int) => Value>> =
  {
    add: (src, a, b) => int(intAdd(src, a, b)),
    sub: (src, a, b) => int(intSub(src, a, b)),
    mul: (src, a, b) => int(intMul(src, a, b)),
    div: (src, a, b) => int(intDiv(src, a, b)),
    pow: (src, a, b) => int(intPow(src, a, b)),
    maximum: (src, a, b) => int(intSelect(src, intLess(a, b), b, a)),
    minimum: (src, a, b) => int(intSelect(src, intLess(b, a), b, a)),
    eq: (_, a, b) => flag(intEqual(a, b)),
    ne: (_, a, b) => flag(`!${intEqual(a, b)}`),
    lt: (_, a, b) => flag(intLess(a, b)),
    le: (_, a, b) => flag(`!${intLess(b, a)}`),
    gt: (_, a, b) => flag(intLess(b, a)),
    ge: (_, a, b) => flag(`!${intLess(a, b)}`),
    and: (_, a, b) => flag(`(${isNonZero(int(a))} && ${isNonZero(int(b))})`),
    or: (_, a, b) => flag(`(${isNonZero(int(a))} || ${isNonZero(int(b))})`),
  };
