import { defaultGenerator, empty, type Generator, rand, randint } from '@nabla/tensor';

// The random numbers torchvision's transforms draw, through the tensor ops they call, so that the
// same generator state gives the same crops, flips and erasures as torchvision.

/** `torch.rand(1).item()`: uniform in [0, 1), one 32-bit draw. */
export function randOne(generator: Generator = defaultGenerator): number {
  return rand([1], { generator }).item();
}

/** `torch.empty(1).uniform_(from, to).item()`: a float32 uniform in [from, to). */
export function uniformOne(
  from: number,
  to: number,
  generator: Generator = defaultGenerator,
): number {
  return empty([1]).uniform_(from, to, { generator }).item();
}

/** `torch.randint(low, high, size=(1,)).item()`: an integer in [low, high). */
export function randintOne(
  low: number,
  high: number,
  generator: Generator = defaultGenerator,
): number {
  return randint(low, high, [1], { generator }).item();
}

/** Python's `round(x)` to an int: to the nearest integer, ties to even. */
export function pyRound(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * `torch.log(torch.tensor([a, b]))` read back: the float32 logarithms of float32 `a` and `b`
 * (correctly rounded; the fixtures check them against torch for the usual ratios).
 */
export function logRatio([a, b]: readonly [number, number]): [number, number] {
  const f = Math.fround;
  return [f(Math.log(f(a))), f(Math.log(f(b)))];
}

/** `torch.exp(t).item()` of a float32 `x`: the float32 exponential. */
export const expf = (x: number): number => Math.fround(Math.exp(x));
