/**
 * 1 where both are nonzero (NaN is nonzero), else 0; the output is bool. Mirrors
 * `torch.logical_and`.
 */
export function and(a: number, b: number): number {
  return a !== 0 && b !== 0 ? 1 : 0;
}
