import type { KernelSource } from './kernel-source.js';

/**
 * `a - b` as a rounded difference `d` plus its rounding error `e` (Knuth's TwoSum, exact in
 * any IEEE arithmetic): `d + e == a - b` exactly. Softmax uses it so that `exp(x - max)` keeps
 * float32 accuracy when `x - max` itself does not fit in a float32 (inputs spanning ±20, say,
 * where rounding the difference alone costs 2e-6 of relative error). `e` is 0 where `d` is not
 * finite (a masked -inf), so that it never turns a clean 0 or inf into NaN.
 */
export function differenceWithError(
  src: KernelSource,
  a: string,
  b: string,
): { d: string; e: string } {
  const d = src.let(`${a} - ${b}`, 'd');
  const back = src.let(`${d} - ${a}`, 'd');
  const e = src.let(`(${a} - (${d} - ${back})) + (-${b} - ${back})`, 'd');
  return { d, e: src.let(`${d} - ${d} == 0 ? ${e} : 0`, 'd') };
}

/** `exp(a - b)` to float32 accuracy, from {@link differenceWithError}'s `d + e`. */
export function expOfDifference(src: KernelSource, a: string, b: string): string {
  const { d, e } = differenceWithError(src, a, b);
  return src.let(`Math.exp(${d}) * (1 + ${e})`, 'x');
}
