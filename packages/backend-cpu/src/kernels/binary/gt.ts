/** 1 where `a > b`, else 0; the output is bool. Mirrors `torch.gt`. */
export function gt(a: number, b: number): number {
  return a > b ? 1 : 0;
}
