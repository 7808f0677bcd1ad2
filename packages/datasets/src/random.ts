import { defaultGenerator, type Generator } from '@nabla/tensor';

// The two draws the data pipeline makes on PyTorch's generator, written on the public Generator
// API so that samplers need no device. They are the same algorithms as @nabla/tensor's
// randomInt64 and randpermValues (random.test.ts checks them against torch.randperm).

/**
 * One non-negative int64 as `int(torch.empty((), dtype=torch.int64).random_(generator=g))` draws
 * it: `random64() % 2^63`. The DataLoader draws one per epoch (`_base_seed`), and RandomSampler
 * one more to seed its own generator when it was given none.
 */
export function drawSeed(gen: Generator = defaultGenerator): bigint {
  return BigInt.asUintN(63, gen.random64());
}

/**
 * A permutation of 0 .. n-1 exactly as PyTorch 1.13's CPU `torch.randperm(n, generator=g)`:
 * start from the identity and, for i = 0 .. n-2, swap element i with element
 * i + random() % (n - i).
 *
 * @example
 * permutation(5, new Generator(0)); // Int32Array [4, 0, 1, 3, 2], as torch.randperm(5) after manual_seed(0)
 */
export function permutation(n: number, gen: Generator = defaultGenerator): Int32Array {
  if (!Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) {
    throw new RangeError(`randperm: n must be an integer in [0, 2^31), got ${n}`);
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
