/** The larger of two elements; NaN if either is NaN. Mirrors `torch.maximum`. */
export function maximum(a: number, b: number): number {
  return Math.max(a, b);
}
