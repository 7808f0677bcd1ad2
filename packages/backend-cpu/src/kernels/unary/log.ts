/** Natural logarithm (`log(0) = -inf`, negative gives NaN). Mirrors `torch.log`. */
export function log(x: number): number {
  return Math.log(x);
}
