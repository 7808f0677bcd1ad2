import type { KernelSource } from './kernel-source.js';

/**
 * An int32 inside a kernel, as two float limbs: `value = hi * 65536 + lo` with `lo` in
 * [0, 65536) and `hi` in [-32768, 32768). Every limb, and every intermediate value below, stays
 * an integer under 2^24, so float32 arithmetic (webasm, WebGL, WebGPU) computes it exactly, and
 * int32 results wrap as C's do: exact integer semantics over the whole int32 range, on
 * hardware that only has floats.
 *
 * Each function emits the statements into `src` and returns the names holding the result.
 */
export interface Int {
  readonly lo: string;
  readonly hi: string;
}

/** The largest finite float32; a larger magnitude is infinite. */
export const MAX_FLOAT32 = '3.4028234663852886e38';

/** An integer literal as limbs (for constants such as 0, 1, the int32 extremes). */
export function intLiteral(value: number): Int {
  const v = value | 0;
  const lo = v & 0xffff;
  return { lo: `${lo}`, hi: `${(v - lo) / 65536}` };
}

/** `x mod m` for an integer-valued float `x` (a local name) and a power of two `m`: in [0, m). */
function mod(x: string, m: number): string {
  return `(${x} - Math.floor(${x} / ${m}) * ${m})`;
}

/** The signed high limb of an integer-valued raw high part (wraps modulo 2^16). */
function wrapHigh(src: KernelSource, raw: string): string {
  const r = src.let(raw, 'h');
  const h = src.let(mod(r, 65536), 'h');
  return src.let(`${h} >= 32768 ? ${h} - 65536 : ${h}`, 'h');
}

/** The float value of an int32 (rounded once to float32 where the mode computes in float32). */
export function intToFloat(a: Int): string {
  return `(${a.hi} * 65536 + ${a.lo})`;
}

/**
 * A float converted as C's `(int32_t)` and `castScalar` do: truncated toward zero and wrapped
 * modulo 2^32; NaN and ±inf give 0. Exact for every float32.
 */
export function intFromFloat(src: KernelSource, x: string): Int {
  const v = src.let(x, 'f');
  const t = src.let(
    `(${v} == ${v} && Math.abs(${v}) <= ${MAX_FLOAT32}) ? (${v} < 0 ? Math.ceil(${v}) : Math.floor(${v})) : 0`,
    't',
  );
  const q = src.let(`Math.floor(${t} / 65536)`, 'q');
  const lo = src.let(`${t} - ${q} * 65536`, 'l');
  return { lo, hi: wrapHigh(src, q) };
}

/** An int from a small non-negative integer-valued float under 2^24 (an index, a count). */
export function intFromIndex(src: KernelSource, x: string): Int {
  const v = src.let(x, 'f');
  const hi = src.let(`Math.floor(${v} / 65536)`, 'h');
  return { lo: src.let(`${v} - ${hi} * 65536`, 'l'), hi };
}

/** `a + b`, wrapping. */
export function intAdd(src: KernelSource, a: Int, b: Int): Int {
  const s = src.let(`${a.lo} + ${b.lo}`, 's');
  const c = src.let(`${s} >= 65536 ? 1 : 0`, 'c');
  const lo = src.let(`${s} - ${c} * 65536`, 'l');
  return { lo, hi: wrapHigh(src, `${a.hi} + ${b.hi} + ${c}`) };
}

/** `a - b`, wrapping. */
export function intSub(src: KernelSource, a: Int, b: Int): Int {
  const s = src.let(`${a.lo} - ${b.lo}`, 's');
  const c = src.let(`${s} < 0 ? 1 : 0`, 'c');
  const lo = src.let(`${s} + ${c} * 65536`, 'l');
  return { lo, hi: wrapHigh(src, `${a.hi} - ${b.hi} - ${c}`) };
}

/** `-a`, wrapping (`-(-2^31)` is `-2^31`). */
export function intNeg(src: KernelSource, a: Int): Int {
  return intSub(src, { lo: '0', hi: '0' }, a);
}

/**
 * `a * b` modulo 2^32 (`Math.imul`). The low limbs are split into bytes so that every partial
 * product stays under 2^24:
 * a * b = (ah * bh) 2^32 + (ah * bl + al * bh) 2^16 + al * bl, and the first term vanishes.
 */
export function intMul(src: KernelSource, a: Int, b: Int): Int {
  const a1 = src.let(`Math.floor(${a.lo} / 256)`, 'm');
  const a0 = src.let(`${a.lo} - ${a1} * 256`, 'm');
  const b1 = src.let(`Math.floor(${b.lo} / 256)`, 'm');
  const b0 = src.let(`${b.lo} - ${b1} * 256`, 'm');
  const p1 = src.let(`${a1} * ${b0} + ${a0} * ${b1}`, 'p'); // < 2^17
  const p1h = src.let(`Math.floor(${p1} / 256)`, 'p');
  const t = src.let(`${a0} * ${b0} + (${p1} - ${p1h} * 256) * 256`, 'p'); // < 2^17
  const c = src.let(`Math.floor(${t} / 65536)`, 'c');
  const lo = src.let(`${t} - ${c} * 65536`, 'l');
  // (ah * bl + al * bh) mod 2^16, each product split so that it stays under 2^24
  const x1 = src.let(`${a.hi} * ${b1}`, 'x');
  const x0 = src.let(`${a.hi} * ${b0}`, 'x');
  const y1 = src.let(`${b.hi} * ${a1}`, 'x');
  const y0 = src.let(`${b.hi} * ${a0}`, 'x');
  const cross = [
    `${mod(x1, 256)} * 256`,
    mod(x0, 65536),
    `${mod(y1, 256)} * 256`,
    mod(y0, 65536),
  ].join(' + ');
  return { lo, hi: wrapHigh(src, `${a1} * ${b1} + ${p1h} + ${c} + ${cross}`) };
}

/** `a < b` as a boolean expression. */
export function intLess(a: Int, b: Int): string {
  return `(${a.hi} < ${b.hi} || (${a.hi} == ${b.hi} && ${a.lo} < ${b.lo}))`;
}

/** `a == b` as a boolean expression. */
export function intEqual(a: Int, b: Int): string {
  return `(${a.hi} == ${b.hi} && ${a.lo} == ${b.lo})`;
}

/** `cond ? a : b`, limb by limb (`cond` a boolean expression). */
export function intSelect(src: KernelSource, cond: string, a: Int, b: Int): Int {
  const c = src.let(`${cond} ? 1 : 0`, 'c');
  return {
    lo: src.let(`${c} == 1 ? ${a.lo} : ${b.lo}`, 'l'),
    hi: src.let(`${c} == 1 ? ${a.hi} : ${b.hi}`, 'h'),
  };
}

/** Declares `let` limbs initialised to `a` (an accumulator a loop assigns again). */
export function intVariable(src: KernelSource, a: Int): Int {
  return { lo: src.variable(a.lo, 'l'), hi: src.variable(a.hi, 'h') };
}

/** Assigns `value` to the accumulator `acc` made by {@link intVariable}. */
export function intAssign(src: KernelSource, acc: Int, value: Int): void {
  src.line(`${acc.lo} = ${value.lo};`);
  src.line(`${acc.hi} = ${value.hi};`);
}
