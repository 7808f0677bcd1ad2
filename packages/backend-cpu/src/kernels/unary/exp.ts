/** `e^x`. Mirrors `torch.exp`. */
export function exp(x: number): number {
  return Math.exp(x);
}
