/**
 * `a ** b` with C's `pow` conventions, which PyTorch follows and JavaScript does not:
 * `pow(1, b)` and `pow(-1, ±inf)` are 1 even when `b` is NaN or infinite (JavaScript's `**`
 * gives NaN).
 * Mirrors `torch.pow`.
 */
export function pow(a: number, b: number): number {
  if (a === 1) return 1;
  if (a === -1 && (b === Infinity || b === -Infinity)) return 1;
  return a ** b;
}

/**
 * `a ** b` for int32 by repeated squaring with wrapping products (what PyTorch's integer `pow`
 * gives): `5 ** 20` wraps to 1977800241. Negative exponents are not called by the tensor layer
 * (PyTorch raises); they give the truncated real power here.
 */
export function powInt32(a: number, b: number): number {
  if (b < 0) return Math.trunc(a ** b) | 0;
  let r = 1;
  let base = a;
  for (let e = b; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) r = Math.imul(r, base);
    base = Math.imul(base, base);
  }
  return r;
}
