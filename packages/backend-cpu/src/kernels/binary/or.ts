/**
 * 1 where either is nonzero (NaN is nonzero), else 0; the output is bool. Mirrors
 * `torch.logical_or`.
 */
export function or(a: number, b: number): number {
  return a !== 0 || b !== 0 ? 1 : 0;
}
