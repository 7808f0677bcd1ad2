/** The logistic function `1 / (1 + e^-x)`; 0 at -inf and 1 at inf. Mirrors `torch.sigmoid`. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
