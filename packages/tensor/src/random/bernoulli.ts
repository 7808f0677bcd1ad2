import { defaultGenerator } from './default-generator.js';
import { uniformDouble01 } from './distributions.js';
import type { Generator } from './generator.js';

/**
 * The two ways PyTorch's CPU `bernoulli_(p)` with a scalar p draws (1.13 and 2.x alike):
 * - `'mkl'`: builds with Intel's MKL running on an Intel CPU (the pip and conda wheels on such a
 *   machine, Colab, and so the course's printed dropout masks) take one 32-bit draw from the
 *   generator as the seed of MKL's MCG31m1 stream and compare its uniforms with p;
 * - `'aten'`: everywhere else (AMD and ARM CPUs, builds without MKL such as Debian's) draws a
 *   53-bit uniform from the generator per element.
 */
export type BernoulliAlgorithm = 'mkl' | 'aten';

let algorithm: BernoulliAlgorithm = 'mkl';

/** Chooses which PyTorch build's `bernoulli_` (and so `dropout`) to reproduce; `'mkl'` by default. */
export function setBernoulliAlgorithm(value: BernoulliAlgorithm): void {
  if (value !== 'mkl' && value !== 'aten') {
    throw new RangeError(`setBernoulliAlgorithm: expected 'mkl' or 'aten', got '${String(value)}'`);
  }
  algorithm = value;
}

/** The `bernoulli_` algorithm in use. */
export function getBernoulliAlgorithm(): BernoulliAlgorithm {
  return algorithm;
}

const M = 2147483647; // 2^31 - 1, the MCG31m1 modulus
const A = 1132489760; // its multiplier

/** `a * x mod M` without leaving double precision (the product needs 61 bits). */
function mulMod(x: number): number {
  const high = Math.floor(A / 65536);
  const low = A % 65536;
  return (((((high * x) % M) * 65536) % M) + ((low * x) % M)) % M;
}

/**
 * Fills `out` with Bernoulli(p) samples (1 with probability p, else 0), exactly as PyTorch's CPU
 * `Tensor.bernoulli_(p)` with a scalar p does under the chosen {@link BernoulliAlgorithm}.
 * `nn.Dropout` draws its mask this way, with p = 1 - dropout probability. Returns `out`.
 *
 * @example
 * manualSeed(0);
 * bernoulliFill(new Float32Array(6), 0.5, defaultGenerator, 'aten'); // [0, 0, 1, 0, 0, 0]
 */
export function bernoulliFill<T extends Float32Array | Int32Array | Uint8Array>(
  out: T,
  p: number,
  gen: Generator = defaultGenerator,
  how: BernoulliAlgorithm = algorithm,
): T {
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`bernoulliFill: expected 0 <= p <= 1, got p=${p}`);
  }
  if (how === 'aten') {
    for (let i = 0; i < out.length; i++) out[i] = uniformDouble01(gen) < p ? 1 : 0;
    return out;
  }
  // MKL: vslNewStream(VSL_BRNG_MCG31, seed) then viRngBernoulli(ICDF): u_i = x_i / M, x_0 = seed
  let x = gen.random() % M;
  if (x === 0) x = 1;
  for (let i = 0; i < out.length; i++) {
    out[i] = x / M < p ? 1 : 0;
    x = mulMod(x);
  }
  return out;
}
