import { type Int, intLiteral, intNeg, intSelect } from './int32.js';
import type { KernelSource } from './kernel-source.js';

/**
 * `a / b` for int32 truncated toward zero (`torch.div(a, b, rounding_mode='trunc')`, the CPU
 * backend's `divInt32`): binary long division of the magnitudes, one quotient bit per step for
 * 32 steps, with the remainder and quotient kept as 16-bit limbs so that float32 arithmetic
 * stays exact. `-2^31 / -1` wraps to `-2^31`; division by zero gives 0 (PyTorch raises).
 */
export function intDiv(src: KernelSource, a: Int, b: Int): Int {
  const ua = unsignedMagnitude(src, a);
  const ub = unsignedMagnitude(src, b);
  const nh = src.variable(ua.hi, 'n');
  const nl = src.variable(ua.lo, 'n');
  const rh = src.variable('0', 'r');
  const rl = src.variable('0', 'r');
  const qh = src.variable('0', 'q');
  const ql = src.variable('0', 'q');
  src.block('for (let s = 0; s < 32; s++)', () => {
    // take the numerator's top bit and shift the numerator left
    const top = src.let(`${nh} >= 32768 ? 1 : 0`, 'b');
    const n2 = src.let(`${nl} * 2`, 'b');
    const cn = src.let(`${n2} >= 65536 ? 1 : 0`, 'b');
    src.line(`${nh} = ${nh} * 2 - ${top} * 65536 + ${cn};`);
    src.line(`${nl} = ${n2} - ${cn} * 65536;`);
    // remainder = 2 * remainder + top
    const r2 = src.let(`${rl} * 2 + ${top}`, 'b');
    const cr = src.let(`${r2} >= 65536 ? 1 : 0`, 'b');
    src.line(`${rl} = ${r2} - ${cr} * 65536;`);
    src.line(`${rh} = ${rh} * 2 + ${cr};`);
    // if remainder >= divisor: subtract it, and this quotient bit is 1
    const ge = src.let(`(${rh} > ${ub.hi} || (${rh} == ${ub.hi} && ${rl} >= ${ub.lo})) ? 1 : 0`);
    const d = src.let(`${rl} - ${ub.lo} * ${ge}`, 'b');
    const borrow = src.let(`${d} < 0 ? 1 : 0`, 'b');
    src.line(`${rl} = ${d} + ${borrow} * 65536;`);
    src.line(`${rh} = ${rh} - ${ub.hi} * ${ge} - ${borrow};`);
    const q2 = src.let(`${ql} * 2 + ${ge}`, 'b');
    const cq = src.let(`${q2} >= 65536 ? 1 : 0`, 'b');
    src.line(`${ql} = ${q2} - ${cq} * 65536;`);
    src.line(`${qh} = ${qh} * 2 + ${cq};`);
  });
  // the quotient's magnitude is at most 2^31 (for -2^31 / ±1): back to a signed high limb
  const q = { lo: ql, hi: src.let(`${qh} >= 32768 ? ${qh} - 65536 : ${qh}`, 'q') };
  const negative = `(${a.hi} < 0 ? 1 : 0) != (${b.hi} < 0 ? 1 : 0)`;
  const signed = intSelect(src, negative, intNeg(src, q), q);
  return intSelect(src, `(${b.hi} == 0 && ${b.lo} == 0)`, intLiteral(0), signed);
}

/** |a| as an unsigned 32-bit number in limbs (`hi` in [0, 32768]: |-2^31| is 2^31). */
function unsignedMagnitude(src: KernelSource, a: Int): Int {
  const n = intNeg(src, a);
  const hi = src.let(`${n.hi} < 0 ? ${n.hi} + 65536 : ${n.hi}`, 'u');
  return intSelect(src, `${a.hi} < 0`, { lo: n.lo, hi }, a);
}
