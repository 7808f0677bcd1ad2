/**
 * Rounds to the nearest integer, halves to the even one: `round(0.5) = 0`, `round(1.5) = 2`,
 * `round(-2.5) = -2`. Mirrors `torch.round` (not JavaScript's `Math.round`, which rounds
 * halves up).
 */
export function round(x: number): number {
  const r = Math.round(x);
  // Math.round rounds an exact half up; move it down when that lands on an odd integer.
  // (r - x is exact for every float32 x, so the test is exact.)
  if (r - x === 0.5 && r % 2 !== 0) return r - 1;
  return r;
}
