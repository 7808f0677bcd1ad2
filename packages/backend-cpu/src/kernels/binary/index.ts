import type { BinaryOp, DType, View } from '@nabla/backend';
import { allocHost, BOOL_RESULT_OPS } from '@nabla/backend';
import { CpuBuffer } from '../../cpu-buffer.js';
import { dense } from '../../strided.js';
import { add, addInt32 } from './add.js';
import { and } from './and.js';
import { div, divInt32 } from './div.js';
import { eq } from './eq.js';
import { ge } from './ge.js';
import { gt } from './gt.js';
import { le } from './le.js';
import { lt } from './lt.js';
import { maximum } from './maximum.js';
import { minimum } from './minimum.js';
import { mul, mulInt32 } from './mul.js';
import { ne } from './ne.js';
import { or } from './or.js';
import { pow, powInt32 } from './pow.js';
import { sub, subInt32 } from './sub.js';

type Scalar2 = (a: number, b: number) => number;

/** The scalar function of each binary op, computed in doubles. */
export const BINARY: Readonly<Record<BinaryOp, Scalar2>> = {
  add,
  sub,
  mul,
  div,
  pow,
  maximum,
  minimum,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  and,
  or,
};

/** The ops whose int32 form differs from the double one (wrapping, truncation). */
export const BINARY_INT32: Readonly<Partial<Record<BinaryOp, Scalar2>>> = {
  add: addInt32,
  sub: subInt32,
  mul: mulInt32,
  div: divInt32,
  pow: powInt32,
};

/**
 * Applies a binary op to `a` and `b` (equal shapes, one dtype; broadcasting arrives as
 * stride-0 views) into a new contiguous buffer: bool for comparisons and logical ops, else
 * the inputs' dtype. Bool arithmetic gives 0 / 1 (`True + True` is `True`, as in PyTorch).
 */
export function binary(op: BinaryOp, a: View<CpuBuffer>, b: View<CpuBuffer>): CpuBuffer {
  const inType = a.buffer.dtype;
  const dtype: DType = BOOL_RESULT_OPS.has(op) ? 'bool' : inType;
  const f = (inType === 'int32' ? BINARY_INT32[op] : undefined) ?? BINARY[op];
  const av = dense(a);
  const bv = dense(b);
  const out = allocHost(dtype, av.length);
  if (dtype === 'bool') {
    for (let i = 0; i < av.length; i++) out[i] = f(av[i] as number, bv[i] as number) !== 0 ? 1 : 0;
  } else {
    for (let i = 0; i < av.length; i++) out[i] = f(av[i] as number, bv[i] as number);
  }
  return new CpuBuffer(dtype, out);
}
