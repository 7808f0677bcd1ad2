/** Absolute value (int32 wraps on store, as in C). Mirrors `torch.abs`. */
export function abs(x: number): number {
  return Math.abs(x);
}
