/** A size as torchvision takes it: one number (a square, or the shorter side), or [h, w]. */
export type SizeArg = number | readonly [number] | readonly [number, number];

/** torchvision's `_setup_size`: a number or [s] gives [s, s]; [h, w] stays. */
export function pairOf(size: SizeArg, op: string): [number, number] {
  const pair: number[] =
    typeof size === 'number' ? [size, size] : size.length === 1 ? [size[0], size[0]] : [...size];
  if (pair.length !== 2 || !pair.every((s) => Number.isInteger(s) && s > 0)) {
    throw new RangeError(
      `${op}: size must be a positive integer or a pair [h, w] of them, got ${JSON.stringify(size)}`,
    );
  }
  return pair as [number, number];
}
