/** `log(1 + x)`, accurate near 0. Mirrors `torch.log1p`. */
export function log1p(x: number): number {
  return Math.log1p(x);
}
