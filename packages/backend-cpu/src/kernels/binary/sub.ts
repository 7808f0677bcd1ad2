/** `a - b`. Mirrors `torch.sub`. */
export function sub(a: number, b: number): number {
  return a - b;
}

/** `a - b` wrapping as C int32 does. Mirrors `torch.sub` on int32. */
export function subInt32(a: number, b: number): number {
  return (a - b) | 0;
}
