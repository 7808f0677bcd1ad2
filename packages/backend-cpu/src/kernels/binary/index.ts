import type { BinaryOp, DType, TypedArray, View } from '@nabla/backend';
import { allocHost, BOOL_RESULT_OPS } from '@nabla/backend';
import { CpuBuffer } from '../../cpu-buffer.js';
import { numelOf, operand } from '../../strided.js';
import {
  type ArithOp,
  type Operand,
  WASM_MIN_ELEMENTS,
  wasmElementwise,
} from '../../wasm/elementwise.js';
import { add, addInt32 } from './add.js';
import { and } from './and.js';
import { compareLoop } from './compare-loop.js';
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

const SIMD_OPS: ReadonlySet<BinaryOp> = new Set(['add', 'sub', 'mul', 'div']);

/** float32 `+ - * /` of many elements in WebAssembly SIMD (the same bits), or null. */
function simdArith(
  op: BinaryOp,
  a: TypedArray | number,
  b: TypedArray | number,
  n: number,
): Float32Array | null {
  if (n < WASM_MIN_ELEMENTS || !SIMD_OPS.has(op)) return null;
  if (typeof a === 'number' && typeof b === 'number') return null;
  const w = wasmElementwise();
  return w === null ? null : w.arith(op as ArithOp, a as Operand, b as Operand, n);
}

/**
 * Tight loops for the float32 arithmetic ops, without a call per element: the same double
 * computation as the op table, rounded by the Float32Array store. False when `op` has none.
 */
function floatArith(
  op: BinaryOp,
  a: TypedArray | number,
  b: TypedArray | number,
  out: Float32Array,
): boolean {
  const n = out.length;
  if (typeof a !== 'number' && typeof b !== 'number') {
    switch (op) {
      case 'add':
        for (let i = 0; i < n; i++) out[i] = (a[i] as number) + (b[i] as number);
        return true;
      case 'sub':
        for (let i = 0; i < n; i++) out[i] = (a[i] as number) - (b[i] as number);
        return true;
      case 'mul':
        for (let i = 0; i < n; i++) out[i] = (a[i] as number) * (b[i] as number);
        return true;
      case 'div':
        for (let i = 0; i < n; i++) out[i] = (a[i] as number) / (b[i] as number);
        return true;
      default:
        return false;
    }
  }
  if (typeof a !== 'number' && typeof b === 'number') {
    switch (op) {
      case 'add':
        for (let i = 0; i < n; i++) out[i] = (a[i] as number) + b;
        return true;
      case 'sub':
        for (let i = 0; i < n; i++) out[i] = (a[i] as number) - b;
        return true;
      case 'mul':
        for (let i = 0; i < n; i++) out[i] = (a[i] as number) * b;
        return true;
      case 'div':
        for (let i = 0; i < n; i++) out[i] = (a[i] as number) / b;
        return true;
      default:
        return false;
    }
  }
  if (typeof a === 'number' && typeof b !== 'number') {
    switch (op) {
      case 'add':
        for (let i = 0; i < n; i++) out[i] = a + (b[i] as number);
        return true;
      case 'sub':
        for (let i = 0; i < n; i++) out[i] = a - (b[i] as number);
        return true;
      case 'mul':
        for (let i = 0; i < n; i++) out[i] = a * (b[i] as number);
        return true;
      case 'div':
        for (let i = 0; i < n; i++) out[i] = a / (b[i] as number);
        return true;
      default:
        return false;
    }
  }
  return false;
}

/**
 * Applies a binary op to `a` and `b` (equal shapes, one dtype; broadcasting arrives as
 * stride-0 views) into a new contiguous buffer: bool for comparisons and logical ops, else
 * the inputs' dtype. Bool arithmetic gives 0 / 1 (`True + True` is `True`, as in PyTorch).
 *
 * Contiguous operands are read in place and a scalar broadcast (all strides 0) as one number;
 * float32 add, sub, mul and div run in WebAssembly SIMD from 2048 elements (wasm/elementwise.ts),
 * as tight loops below; the comparisons of any dtype run as tight loops; the
 * other ops call the op table per element. Other layouts are gathered row-major first.
 */
export function binary(op: BinaryOp, a: View<CpuBuffer>, b: View<CpuBuffer>): CpuBuffer {
  const inType = a.buffer.dtype;
  const dtype: DType = BOOL_RESULT_OPS.has(op) ? 'bool' : inType;
  const n = numelOf(a.shape);
  if (n === 0) return new CpuBuffer(dtype, allocHost(dtype, 0));
  const av = operand(a);
  const bv = operand(b);
  const simd = dtype === 'float32' ? simdArith(op, av, bv, n) : null;
  if (simd !== null) return new CpuBuffer(dtype, simd);
  const out = allocHost(dtype, n);
  if (out instanceof Float32Array && floatArith(op, av, bv, out)) return new CpuBuffer(dtype, out);
  if (out instanceof Uint8Array && compareLoop(op, av, bv, out)) return new CpuBuffer(dtype, out);
  const f = (inType === 'int32' ? BINARY_INT32[op] : undefined) ?? BINARY[op];
  const bool = dtype === 'bool';
  if (typeof av === 'number' && typeof bv === 'number') {
    const r = f(av, bv);
    out.fill(bool ? (r !== 0 ? 1 : 0) : r);
  } else if (typeof av === 'number') {
    const bs = bv as TypedArray;
    if (bool) for (let i = 0; i < n; i++) out[i] = f(av, bs[i] as number) !== 0 ? 1 : 0;
    else for (let i = 0; i < n; i++) out[i] = f(av, bs[i] as number);
  } else if (typeof bv === 'number') {
    if (bool) for (let i = 0; i < n; i++) out[i] = f(av[i] as number, bv) !== 0 ? 1 : 0;
    else for (let i = 0; i < n; i++) out[i] = f(av[i] as number, bv);
  } else if (bool) {
    for (let i = 0; i < n; i++) out[i] = f(av[i] as number, bv[i] as number) !== 0 ? 1 : 0;
  } else {
    for (let i = 0; i < n; i++) out[i] = f(av[i] as number, bv[i] as number);
  }
  return new CpuBuffer(dtype, out);
}
