import { defaultGenerator } from './default-generator.js';
import { uniformDouble01 } from './distributions.js';
import type { Generator } from './generator.js';

/**
 * Fills `out` with Bernoulli(p) samples (1 with probability p, else 0), exactly as PyTorch 1.13's
 * CPU `Tensor.bernoulli_(p)` with a scalar p does in a build without MKL: per element, a 53-bit
 * uniform from `random64()`, compared `u < p`. `nn.Dropout` draws its mask this way, with
 * p = 1 - dropout probability. Returns `out`.
 *
 * @example
 * manualSeed(0);
 * bernoulliFill(new Float32Array(6), 0.5); // [0, 0, 1, 0, 0, 0], as torch.empty(6).bernoulli_(0.5)
 */
export function bernoulliFill<T extends Float32Array | Int32Array | Uint8Array>(
  out: T,
  p: number,
  gen: Generator = defaultGenerator,
): T {
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`bernoulliFill: expected 0 <= p <= 1, got p=${p}`);
  }
  for (let i = 0; i < out.length; i++) out[i] = uniformDouble01(gen) < p ? 1 : 0;
  return out;
}
