/** 1 where `a < b`, else 0; the output is bool. Mirrors `torch.lt`. */
export function lt(a: number, b: number): number {
  return a < b ? 1 : 0;
}
