/** `1 / sqrt(x)` (`rsqrt(0) = inf`, `rsqrt(-0) = -inf`). Mirrors `torch.rsqrt`. */
export function rsqrt(x: number): number {
  return 1 / Math.sqrt(x);
}
