import type { KernelSource } from '../../codegen/kernel-source.js';

/**
 * `torch.round` in float arithmetic: to the nearest integer, halves to the even one
 * (`round(2.5) = 2`, `round(-0.5) = -0`). `x - floor(x)` is exact for every float32 below 2^23,
 * and larger floats (and ±inf, NaN) are already integers or not numbers: they pass through.
 */
export function roundHalfEven(src: KernelSource, x: string): string {
  const f = src.let(`Math.floor(${x})`, 'f');
  const d = src.let(`${x} - ${f}`, 'f');
  const even = src.let(`${f} - Math.floor(${f} / 2) * 2 == 0 ? ${f} : ${f} + 1`, 'f');
  const r = src.let(`${d} < 0.5 ? ${f} : (${d} > 0.5 ? ${f} + 1 : ${even})`, 'f');
  // keep the sign of a zero result: round(-0.4) is -0, as in PyTorch
  const signed = src.let(`${r} == 0 ? ${x} * 0 : ${r}`, 'f');
  return `Math.abs(${x}) < 8388608 ? ${signed} : ${x}`;
}
