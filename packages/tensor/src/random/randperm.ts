import { defaultGenerator } from './default-generator.js';
import type { Generator } from './generator.js';

/**
 * A random permutation of 0 .. n-1, exactly as PyTorch 1.13's CPU `torch.randperm(n)`: start
 * from the identity and, for i = 0 .. n-2, swap element i with element i + random() % (n - i).
 *
 * @example
 * manualSeed(0);
 * randpermValues(5); // Int32Array [4, 0, 1, 3, 2], as torch.randperm(5)
 */
export function randpermValues(n: number, gen: Generator = defaultGenerator): Int32Array {
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31) {
    throw new RangeError(`randpermValues: n must be an integer in [0, 2^31], got ${n}`);
  }
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = 0; i < n - 1; i++) {
    const z = i + (gen.random() % (n - i));
    const saved = out[i] as number;
    out[i] = out[z] as number;
    out[z] = saved;
  }
  return out;
}
