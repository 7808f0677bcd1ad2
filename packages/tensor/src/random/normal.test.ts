import { describe, expect, it } from 'vitest';
import { normalDouble } from './distributions.js';
import { bitsOf, doubleUlps, fixtures, seedOf, summarize } from './fixtures.test.util.js';
import { Generator } from './generator.js';
import { normalFill } from './normal.js';

describe('normalFill', () => {
  it.each(fixtures.normal)('matches torch for seed $seed, n=$n, N($mean, $std)', (c) => {
    const out = normalFill(new Float32Array(c.n), c.mean, c.std, new Generator(seedOf(c.seed)));
    expect(summarize(bitsOf(out), c.bits)).toEqual(c.bits);
  });
});

describe('the serial (< 16 elements) path in float64', () => {
  // PyTorch computes these doubles with glibc's log, sin and cos; V8's Math.log, Math.sin and
  // Math.cos (fdlibm) differ from glibc in the last bit for a few percent of arguments, so the
  // doubles are not all bit-exact (about 6% differ, by at most 3 ulps over 300000 draws). Rounded
  // to float32, as normalFill returns them, they all agree: a difference of one float64 ulp moves
  // the float32 rounding only when it straddles a float32 midpoint, about 1 case in 10^9.
  // The fixture chains calls of torch.randn(15, dtype=float64) on one generator; through the
  // cached sample they form one stream of normal_distribution<double> draws.
  const { values, seed } = fixtures.normalDouble;

  it('rounds to the same float32 values as torch, within 3 float64 ulps', () => {
    const g = new Generator(seedOf(seed));
    for (const theirs of values) {
      const ours = normalDouble(g, 0, 1);
      expect(Math.fround(ours)).toBe(Math.fround(theirs));
      expect(doubleUlps(ours, theirs)).toBeLessThanOrEqual(3);
    }
  });
});
