/**
 * 1 where `x` is 0, else 0 (NaN is true, so it gives 0); the output is bool. Mirrors
 * `torch.logical_not`.
 */
export function not(x: number): number {
  return x === 0 ? 1 : 0;
}
