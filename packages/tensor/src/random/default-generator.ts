import { Generator } from './generator.js';

/**
 * The generator every sampling function uses when none is passed, mirroring
 * `torch.default_generator`.
 *
 * Unlike PyTorch, whose default CPU generator starts from a non-deterministic seed, this one
 * starts from 67280421310721, the seed of a fresh `torch.Generator()`, so that programs are
 * reproducible even without a call to {@link manualSeed}.
 */
export const defaultGenerator: Generator = new Generator();

/**
 * Seeds the default generator and returns it. Mirrors `torch.manual_seed(seed)`.
 *
 * @example
 * manualSeed(123);
 * normalFill(new Float32Array(12)); // -0.1115, 0.1204, -0.3696, ... as torch.randn(3, 2, 2)
 */
export function manualSeed(seed: number | bigint): Generator {
  return defaultGenerator.manualSeed(seed);
}

/** The default generator's seed. Mirrors `torch.initial_seed()`. */
export function initialSeed(): bigint {
  return defaultGenerator.initialSeed();
}

/** The default generator's state, 5056 bytes. Mirrors `torch.get_rng_state()`. */
export function getRngState(): Uint8Array {
  return defaultGenerator.getState();
}

/** Restores the default generator's state. Mirrors `torch.set_rng_state(state)`. */
export function setRngState(state: Uint8Array): void {
  defaultGenerator.setState(state);
}
