/** Square root (negative gives NaN). Mirrors `torch.sqrt`. */
export function sqrt(x: number): number {
  return Math.sqrt(x);
}
