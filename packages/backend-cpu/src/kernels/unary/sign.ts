/**
 * -1, 0 or 1; NaN gives 0 and -0 gives 0, as PyTorch does (its `(0 < x) - (x < 0)`). Mirrors
 * `torch.sign`.
 */
export function sign(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}
