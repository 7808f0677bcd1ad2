/**
 * 1 where `a != b` (NaN differs from everything), else 0; the output is bool. Mirrors `torch.ne`.
 */
export function ne(a: number, b: number): number {
  return a !== b ? 1 : 0;
}
