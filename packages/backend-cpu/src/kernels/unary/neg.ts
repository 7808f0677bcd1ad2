/** Negation (int32 wraps on store: `-(-2**31)` stays `-2**31`). Mirrors `torch.neg`. */
export function neg(x: number): number {
  return -x;
}
