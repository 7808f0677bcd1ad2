/** True division `a / b` (`1 / 0 = inf`, `0 / 0 = NaN`). Mirrors `torch.div`. */
export function div(a: number, b: number): number {
  return a / b;
}

/**
 * True division truncated toward zero, `torch.div(a, b, rounding_mode='trunc')` on int32.
 * The tensor layer promotes int32 to float32 before `div`, so this runs only when called
 * directly; division by zero gives 0 here (PyTorch raises).
 */
export function divInt32(a: number, b: number): number {
  return Math.trunc(a / b) | 0;
}
