/** The smaller of two elements; NaN if either is NaN. Mirrors `torch.minimum`. */
export function minimum(a: number, b: number): number {
  return Math.min(a, b);
}
