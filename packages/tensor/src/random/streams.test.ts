import { describe, expect, it } from 'vitest';
import { bernoulliFill } from './bernoulli.js';
import { defaultGenerator, getRngState, initialSeed, manualSeed } from './default-generator.js';
import { bitsOf, expectSameState, fixtures, seedOf, stateBytes } from './fixtures.test.util.js';
import { DEFAULT_SEED, Generator } from './generator.js';
import { normalFill } from './normal.js';
import { randintFill } from './randint.js';
import { randpermValues } from './randperm.js';
import { uniformFill } from './uniform.js';

/** Runs one step of a recorded stream on `gen`; floats come back as bit patterns. */
function step(op: string, n: number, gen: Generator): number[] {
  switch (op) {
    case 'rand':
      return bitsOf(uniformFill(new Float32Array(n), 0, 1, gen));
    case 'randn':
      return bitsOf(normalFill(new Float32Array(n), 0, 1, gen));
    case 'randint':
      return Array.from(randintFill(new Int32Array(n), 0, 10, gen));
    case 'randperm':
      return Array.from(randpermValues(n, gen));
    case 'bernoulli':
      return Array.from(bernoulliFill(new Int32Array(n), 0.5, gen, 'aten'));
    default:
      throw new Error(`unknown op ${op}`);
  }
}

describe('one stream, several ops', () => {
  it.each(fixtures.interleaved)('matches torch for seed $seed', (c) => {
    manualSeed(seedOf(c.seed));
    for (const s of c.steps) expect(step(s.op, s.n, defaultGenerator), s.op).toEqual(s.out);
    // the final state is torch.get_rng_state(), the Box–Muller cache to within float64 ulps
    expectSameState(getRngState(), stateBytes(c.state));
  });

  it('keeps an explicit generator apart from the default one', () => {
    manualSeed(0);
    const g = new Generator().manualSeed(42);
    for (const s of fixtures.twoGenerators) {
      const gen = s.gen === 'g' ? g : defaultGenerator;
      expect(step(s.op, s.out.length, gen)).toEqual(s.out);
    }
  });

  it('reproduces torch.manual_seed(123); torch.randn(3, 2, 2)', () => {
    const { famous } = fixtures;
    manualSeed(123);
    const out = normalFill(new Float32Array(12));
    expect(bitsOf(out)).toEqual(famous.bits);
    expect(Array.from(out, (v) => Math.round(v * 1e4) / 1e4)).toEqual([
      -0.1115, 0.1204, -0.3696, -0.2404, -1.1969, 0.2093, -0.9724, -0.755, 0.3239, -0.1085, 0.2103,
      -0.3908,
    ]);
  });
});

describe('Generator', () => {
  it('starts from the seed of a fresh torch.Generator()', () => {
    const { unseeded } = fixtures.state;
    const g = new Generator();
    expect(g.initialSeed()).toBe(BigInt(unseeded.initialSeed));
    expect(DEFAULT_SEED).toBe(BigInt(unseeded.initialSeed));
    expect(bitsOf(uniformFill(new Float32Array(5), 0, 1, g))).toEqual(unseeded.rand5);
  });

  it('keeps negative and 64-bit seeds as torch does', () => {
    expect(new Generator().manualSeed(-1).initialSeed()).toBe(2n ** 64n - 1n);
    expect(manualSeed(2n ** 64n - 59n).initialSeed()).toBe(18446744073709551557n);
    expect(initialSeed()).toBe(18446744073709551557n);
    expect(() => manualSeed(2n ** 64n)).toThrow(/seed must be in/);
    expect(() => manualSeed(0.5)).toThrow(/integer/);
  });

  it('writes and reads torch.get_rng_state() bytes', () => {
    const { state } = fixtures;
    const g = new Generator().manualSeed(seedOf(state.seed));
    expect(g.getState()).toEqual(stateBytes(state.fresh));
    normalFill(new Float32Array(3), 0, 1, g); // leaves a cached Box–Muller sample
    expect(g.getState()).toEqual(stateBytes(state.afterRandn3)); // this cache is exact
    // restoring torch's state, cache included, continues torch's stream
    const h = new Generator().setState(stateBytes(state.afterRandn3));
    expect(bitsOf(normalFill(new Float32Array(2), 0, 1, h))).toEqual(state.nextRandn2);
    expect(h.initialSeed()).toBe(123n);
  });

  it('rejects a state of the wrong size or an invalid one', () => {
    const g = new Generator();
    expect(() => g.setState(new Uint8Array(10))).toThrow(/5056 bytes/);
    expect(() => g.setState(new Uint8Array(5056))).toThrow(/invalid mt19937 state/);
  });

  it('clones state and caches', () => {
    const g = new Generator(7);
    normalFill(new Float32Array(1), 0, 1, g);
    const h = g.clone();
    expect(h.nextDoubleNormalSample).toBe(g.nextDoubleNormalSample);
    expect(h.random64()).toBe(g.random64());
  });

  it('reseeds from crypto with seed()', () => {
    const g = new Generator();
    const s = g.seed();
    expect(g.initialSeed()).toBe(s);
    expect(new Generator(s).random()).toBe(g.random());
  });

  it('drops the cached normal sample on manualSeed', () => {
    const g = new Generator(5);
    normalFill(new Float32Array(1), 0, 1, g);
    expect(g.nextDoubleNormalSample).not.toBeNull();
    g.manualSeed(5);
    expect(g.nextDoubleNormalSample).toBeNull();
  });
});
