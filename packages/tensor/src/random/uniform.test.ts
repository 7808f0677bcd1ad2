import { describe, expect, it } from 'vitest';
import { bitsOf, fixtures, seedOf, summarize } from './fixtures.test.util.js';
import { Generator } from './generator.js';
import { uniformFill } from './uniform.js';

describe('uniformFill', () => {
  it.each(fixtures.uniform)('matches torch for seed $seed, n=$n, [$from, $to)', (c) => {
    const out = uniformFill(new Float32Array(c.n), c.from, c.to, new Generator(seedOf(c.seed)));
    expect(summarize(bitsOf(out), c.bits)).toEqual(c.bits);
  });

  it('rejects from > to', () => {
    expect(() => uniformFill(new Float32Array(1), 1, 0)).toThrow(/from <= to/);
  });
});
