import type { Generator } from './generator.js';

// Scalar samplers, as the structs of ATen's core/DistributionsHelper.h and the formulas of
// core/TransformationHelper.h compute them for one value.

const TWO_POW_M24 = 2 ** -24;
const TWO_POW_M53 = 2 ** -53;
const TWO_POW_32 = 2 ** 32;

/**
 * `at::uniform_real_distribution<float>(0, 1)`: 24 random bits of one 32-bit draw, times 2^-24.
 * The result is a float32 in [0, 1).
 */
export function uniformFloat01(gen: Generator): number {
  return (gen.random() & 0xffffff) * TWO_POW_M24;
}

/**
 * `at::uniform_real_distribution<double>(0, 1)`: 53 random bits of `random64()`, times 2^-53.
 * The result is a float64 in [0, 1).
 */
export function uniformDouble01(gen: Generator): number {
  const hi = gen.random();
  const lo = gen.random();
  // (hi << 32 | lo) & (2^53 - 1), computed without BigInt: both parts are exact in a double.
  return ((hi & 0x1fffff) * TWO_POW_32 + lo) * TWO_POW_M53;
}

/**
 * `at::normal_distribution<double>(mean, std)`: Box–Muller on two 53-bit uniforms. It returns
 * `r cos(theta) * std + mean` and keeps `r sin(theta)` in the generator, to be returned (times
 * `std`, plus `mean`) by the next call, whatever mean and std that call asks for.
 *
 * PyTorch 1.13 computes `r = sqrt(-2 log(1 - u2))` (not log1p) and `theta = 2 pi u1`.
 */
export function normalDouble(gen: Generator, mean: number, std: number): number {
  const cached = gen.nextDoubleNormalSample;
  if (cached !== null) {
    gen.nextDoubleNormalSample = null;
    return cached * std + mean;
  }
  const u1 = uniformDouble01(gen);
  const u2 = uniformDouble01(gen);
  const r = Math.sqrt(-2 * Math.log(1 - u2));
  const theta = 2 * Math.PI * u1;
  gen.nextDoubleNormalSample = r * Math.sin(theta);
  return r * Math.cos(theta) * std + mean;
}
