/** `a + b`. Mirrors `torch.add`. */
export function add(a: number, b: number): number {
  return a + b;
}

/** `a + b` wrapping as C int32 does. Mirrors `torch.add` on int32. */
export function addInt32(a: number, b: number): number {
  return (a + b) | 0;
}
