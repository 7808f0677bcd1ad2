/** `a * b`. Mirrors `torch.mul`. */
export function mul(a: number, b: number): number {
  return a * b;
}

/**
 * `a * b` wrapping as C int32 does. Mirrors `torch.mul` on int32. (A plain `*` would lose
 * the low bits once the product passes 2^53, so the wrapped result would be wrong.)
 */
export function mulInt32(a: number, b: number): number {
  return Math.imul(a, b);
}
