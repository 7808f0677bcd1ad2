import { MT19937 } from './mt19937.js';
import { decodeState, encodeState } from './rng-state.js';

/** The seed of a `torch.Generator()` that was never seeded (`default_rng_seed_val`). */
export const DEFAULT_SEED = 67280421310721n;

/**
 * Converts a seed to the 64-bit unsigned value PyTorch keeps: integers in [0, 2^64) as they are,
 * negative ones in [-2^63, 0) as their two's complement (as `torch.manual_seed(-1)` does).
 */
export function toSeed(seed: number | bigint, op = 'manualSeed'): bigint {
  if (typeof seed === 'number' && !Number.isInteger(seed)) {
    throw new RangeError(`${op}: seed must be an integer, got ${seed}`);
  }
  const s = BigInt(seed);
  if (s < -(1n << 63n) || s >= 1n << 64n) {
    throw new RangeError(`${op}: seed must be in [-2^63, 2^64), got ${s}`);
  }
  return BigInt.asUintN(64, s);
}

/**
 * A CPU random number generator, mirroring `torch.Generator` (ATen's `CPUGeneratorImpl`): a
 * Mersenne Twister plus the cached second Box–Muller samples of `at::normal_distribution`.
 * Seeded alike, it produces the same streams as PyTorch 1.13's CPU generator.
 *
 * @example
 * const g = new Generator().manualSeed(42);
 * g.random(); // 1608637542, the first output of std::mt19937(42)
 * g.random64(); // 14693624577341391708n: the next two outputs, hi << 32 | lo
 */
export class Generator {
  /** The Mersenne Twister (`engine_`). */
  readonly engine: MT19937;
  /** The cached sine half of the last double Box–Muller pair (`next_double_normal_sample_`). */
  nextDoubleNormalSample: number | null = null;
  /** The cached float normal sample (`next_float_normal_sample_`); no CPU kernel of 1.13 sets it. */
  nextFloatNormalSample: number | null = null;

  /** Mirrors `torch.Generator()`: seeded with 67280421310721 unless told otherwise. */
  constructor(seed: number | bigint = DEFAULT_SEED) {
    this.engine = new MT19937(toSeed(seed, 'Generator'));
  }

  /**
   * Seeds the generator and drops the cached normal samples; returns `this`.
   * Mirrors `torch.Generator.manual_seed(seed)`.
   */
  manualSeed(seed: number | bigint): this {
    const s = toSeed(seed);
    this.nextDoubleNormalSample = null;
    this.nextFloatNormalSample = null;
    this.engine.reseed(s);
    return this;
  }

  /** The seed last given, as a 64-bit unsigned integer. Mirrors `torch.Generator.initial_seed()`. */
  initialSeed(): bigint {
    return this.engine.seed;
  }

  /**
   * Seeds the generator from a non-deterministic source (Web Crypto) and returns that seed.
   * Mirrors `torch.Generator.seed()`.
   */
  seed(): bigint {
    const words = new Uint32Array(2);
    globalThis.crypto.getRandomValues(words);
    const s = (BigInt(words[0] as number) << 32n) | BigInt(words[1] as number);
    this.manualSeed(s);
    return s;
  }

  /** The next 32-bit output, an integer in [0, 2^32). Mirrors `CPUGeneratorImpl::random()`. */
  random(): number {
    return this.engine.nextUint32();
  }

  /**
   * Two 32-bit outputs combined as `hi << 32 | lo`, the first being `hi`, an integer in [0, 2^64).
   * Mirrors `CPUGeneratorImpl::random64()` (`detail::make64BitsFrom32Bits`).
   */
  random64(): bigint {
    const hi = this.engine.nextUint32();
    const lo = this.engine.nextUint32();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /**
   * The generator's state as the 5056 bytes `torch.Generator.get_state()` returns (the layout of
   * `CPUGeneratorImplState`), so a state can be passed to and from PyTorch.
   */
  getState(): Uint8Array {
    return encodeState(this.engine, this.nextDoubleNormalSample, this.nextFloatNormalSample);
  }

  /**
   * Restores a state from {@link Generator.getState} or `torch.Generator.get_state()`; returns
   * `this`. Mirrors `torch.Generator.set_state(state)`.
   */
  setState(state: Uint8Array): this {
    const decoded = decodeState(state);
    this.engine.copyFrom(decoded.engine);
    this.nextDoubleNormalSample = decoded.nextDoubleNormalSample;
    this.nextFloatNormalSample = decoded.nextFloatNormalSample;
    return this;
  }

  /** An independent copy of this generator, state and caches included. */
  clone(): Generator {
    const copy = new Generator();
    copy.engine.copyFrom(this.engine);
    copy.nextDoubleNormalSample = this.nextDoubleNormalSample;
    copy.nextFloatNormalSample = this.nextFloatNormalSample;
    return copy;
  }
}
