import { defaultGenerator } from './default-generator.js';
import type { Generator } from './generator.js';

/**
 * One random non-negative int64, exactly as `torch.empty((), dtype=torch.int64).random_()`
 * draws it: `random64() % 2^63`. PyTorch's DataLoader `RandomSampler` seeds itself this way.
 *
 * @example
 * manualSeed(0);
 * randomInt64(); // 900450186894289455n, as int(torch.empty((), dtype=torch.int64).random_().item())
 */
export function randomInt64(gen: Generator = defaultGenerator): bigint {
  return BigInt.asUintN(63, gen.random64());
}
