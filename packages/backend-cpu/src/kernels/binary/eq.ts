/** 1 where `a == b` (NaN equals nothing), else 0; the output is bool. Mirrors `torch.eq`. */
export function eq(a: number, b: number): number {
  return a === b ? 1 : 0;
}
