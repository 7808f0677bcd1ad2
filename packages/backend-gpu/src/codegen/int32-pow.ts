import {
  type Int,
  intAssign,
  intEqual,
  intLiteral,
  intMul,
  intSelect,
  intVariable,
} from './int32.js';
import type { KernelSource } from './kernel-source.js';

/**
 * `a ** b` for int32, as PyTorch's integer `pow` (and the CPU backend's `powInt32`) give it:
 * repeated squaring with wrapping products, so `5 ** 20` is 1977800241. The exponent's bits are
 * read by halving its limbs, 31 times (a constant loop bound). A negative exponent gives the
 * truncated real power: 1 for a = 1, ±1 for a = -1, else 0.
 */
export function intPow(src: KernelSource, a: Int, b: Int): Int {
  const result = intVariable(src, intLiteral(1));
  const base = intVariable(src, a);
  const el = src.variable(b.lo, 'e');
  const eh = src.variable(`${b.hi} < 0 ? 0 : ${b.hi}`, 'e');
  src.block('for (let s = 0; s < 31; s++)', () => {
    const bit = src.let(`${el} - Math.floor(${el} / 2) * 2`, 'b');
    const times = intMul(src, result, base);
    intAssign(src, result, intSelect(src, `${bit} == 1`, times, result));
    intAssign(src, base, intMul(src, base, base));
    // exponent >>= 1, across the two limbs
    const carry = src.let(`${eh} - Math.floor(${eh} / 2) * 2`, 'b');
    src.line(`${el} = Math.floor(${el} / 2) + ${carry} * 32768;`);
    src.line(`${eh} = Math.floor(${eh} / 2);`);
  });
  // negative exponents: 1 ** b = 1, (-1) ** b = ±1, anything else truncates to 0
  const odd = `${b.lo} - Math.floor(${b.lo} / 2) * 2 == 1`;
  const minusOne = intSelect(src, odd, intLiteral(-1), intLiteral(1));
  const one = intEqual(a, intLiteral(1));
  const negative = intSelect(
    src,
    one,
    intLiteral(1),
    intSelect(src, intEqual(a, intLiteral(-1)), minusOne, intLiteral(0)),
  );
  return intSelect(src, `${b.hi} < 0`, negative, result);
}
