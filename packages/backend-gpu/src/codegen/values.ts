import type { DType } from '@nabla/backend';
import { type Int, intFromFloat, intToFloat } from './int32.js';
import type { KernelSource } from './kernel-source.js';

/**
 * A value inside a kernel: a float expression (float32, or bool as 0 / 1) or an int32 as two
 * limbs (see {@link Int}).
 */
export type Value =
  | { readonly kind: 'float'; readonly x: string }
  | (Int & { readonly kind: 'int' });

/** A float value. */
export const float = (x: string): Value => ({ kind: 'float', x });

/** An int32 value. */
export const int = (v: Int): Value => ({ kind: 'int', lo: v.lo, hi: v.hi });

/**
 * How many floats the device holds per element of `dtype`: 2 for int32 (the two limbs, stored
 * as two planes: every low limb, then every high limb), 1 for float32 and bool.
 */
export function floatsPer(dtype: DType): number {
  return dtype === 'int32' ? 2 : 1;
}

/**
 * Reads element `at` of the argument `arg`, a buffer of `size` elements of `dtype`. An int32's
 * high limb sits `size` floats after its low limb.
 */
export function readElement(
  src: KernelSource,
  arg: string,
  dtype: DType,
  at: string,
  size: number,
): Value {
  if (dtype !== 'int32') return float(src.let(`${arg}[${at}]`, arg));
  const plane = src.constant(`${arg}n`, size);
  return int({
    lo: src.let(`${arg}[${at}]`, `${arg}l`),
    hi: src.let(`${arg}[${at} + ${plane}]`, `${arg}h`),
  });
}

/** The value as a float expression (an int32 rounded to float32 where the mode rounds). */
export function asFloat(v: Value): string {
  return v.kind === 'float' ? v.x : intToFloat(v);
}

/** The value as an int32 (a float truncated and wrapped as C casts do). */
export function asInt(src: KernelSource, v: Value): Int {
  return v.kind === 'int' ? v : intFromFloat(src, v.x);
}

/** `value != 0` as a boolean expression (NaN is true, -0 is false). */
export function isNonZero(v: Value): string {
  return v.kind === 'float' ? `${v.x} != 0` : `(${v.hi} != 0 || ${v.lo} != 0)`;
}

/** Converts a value to what `dtype` stores, as `castScalar` does. */
export function convert(src: KernelSource, v: Value, dtype: DType): Value {
  if (dtype === 'float32') return float(asFloat(v));
  if (dtype === 'bool') return float(`${isNonZero(v)} ? 1 : 0`);
  return int(asInt(src, v));
}

/**
 * The output side of an elementwise-style kernel: one element per thread for float32 and bool,
 * two threads per element for int32 (thread `t < numel` returns the low limb of element `t`,
 * thread `numel + t` its high limb). Both threads compute the whole value; each returns its half.
 */
export class Output {
  /** The element this thread computes: a name for a flat row-major index. */
  readonly flat: string;
  /** The output's length in floats. */
  readonly length: number;
  private readonly part: string | null;

  constructor(
    private readonly src: KernelSource,
    readonly dtype: DType,
    readonly numel: number,
  ) {
    this.length = numel * floatsPer(dtype);
    if (dtype === 'int32') {
      const n = src.constant('outn', numel);
      this.part = src.let(`this.thread.x >= ${n} ? 1 : 0`, 'part');
      this.flat = src.let(`this.thread.x - ${this.part} * ${n}`, 'i');
    } else {
      this.part = null;
      this.flat = src.let('this.thread.x', 'i');
    }
  }

  /** The expression the kernel returns for `v`, converted to the output's dtype. */
  result(v: Value): string {
    const out = convert(this.src, v, this.dtype);
    if (out.kind === 'float') return out.x;
    return this.src.let(`${this.part} == 1 ? ${out.hi} : ${out.lo}`, 'r');
  }
}
