import { describe, expect, it } from 'vitest';
import { bernoulliFill } from './bernoulli.js';
import { manualSeed } from './default-generator.js';
import { fixtures, seedOf, summarize } from './fixtures.test.util.js';
import { Generator } from './generator.js';
import { randintFill } from './randint.js';
import { randomInt64 } from './random-int64.js';
import { randpermValues } from './randperm.js';

describe('randintFill', () => {
  it.each(fixtures.randint)('matches torch.randint($low, $high) for seed $seed, n=$n', (c) => {
    const out = randintFill(new Int32Array(c.n), c.low, c.high, new Generator(seedOf(c.seed)));
    expect(summarize(out, c.values)).toEqual(c.values);
  });

  it('rejects an empty range', () => {
    expect(() => randintFill(new Int32Array(1), 3, 3)).toThrow(/low < high/);
  });
});

describe('randpermValues', () => {
  it.each(fixtures.randperm)('matches torch.randperm($n) for seed $seed', (c) => {
    const out = randpermValues(c.n, new Generator(seedOf(c.seed)));
    expect(summarize(out, c.values)).toEqual(c.values);
  });
});

describe('bernoulliFill', () => {
  it.each(fixtures.bernoulli)('matches bernoulli_($p) for seed $seed, n=$n', (c) => {
    const out = bernoulliFill(new Float32Array(c.n), c.p, new Generator(seedOf(c.seed)), 'aten');
    expect(summarize(out, c.values)).toEqual(c.values);
  });

  it.each(fixtures.dropout)('gives the mask of F.dropout(p=$p) for seed $seed', (c) => {
    manualSeed(seedOf(c.seed));
    const mask = bernoulliFill(new Uint8Array(c.n), 1 - c.p, undefined, 'aten');
    expect(summarize(mask, c.mask)).toEqual(c.mask);
    // the kept values are 1 / (1 - p) in float32
    const scaled = new Uint32Array(new Float32Array([1 / (1 - c.p)]).buffer);
    expect(Array.from(scaled)).toEqual(c.scaled);
  });
});

describe('randomInt64', () => {
  it.each(fixtures.randomInt64)('matches int64 random_() for seed $seed', (c) => {
    manualSeed(seedOf(c.seed));
    const draws = Array.from({ length: 5 }, () => randomInt64().toString());
    expect(draws).toEqual(c.draws);
  });
});
