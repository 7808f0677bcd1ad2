/** Rounds toward -inf. Mirrors `torch.floor`. */
export function floor(x: number): number {
  return Math.floor(x);
}
