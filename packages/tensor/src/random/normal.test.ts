import { describe, expect, it } from 'vitest';
import { bitsOf, fixtures, seedOf, summarize } from './fixtures.test-util.js';
import { Generator } from './generator.js';
import { normalFill } from './normal.js';

describe('normalFill', () => {
  it.each(fixtures.normal)('matches torch for seed $seed, n=$n, N($mean, $std)', (c) => {
    const out = normalFill(new Float32Array(c.n), c.mean, c.std, new Generator(seedOf(c.seed)));
    expect(summarize(bitsOf(out), c.bits)).toEqual(c.bits);
  });
});
