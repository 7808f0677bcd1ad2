/** Rounds toward +inf. Mirrors `torch.ceil`. */
export function ceil(x: number): number {
  return Math.ceil(x);
}
