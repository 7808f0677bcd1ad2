import { describe, expect, it } from 'vitest';
import { fixtures, seedOf } from './fixtures.test.util.js';
import { Generator } from './generator.js';
import { MT19937 } from './mt19937.js';

describe('MT19937', () => {
  it('matches std::mt19937 for its default seed 5489', () => {
    const mt = new MT19937();
    expect([mt.nextUint32(), mt.nextUint32()]).toEqual([3499211612, 581869302]);
  });

  it.each(fixtures.raw)('matches torch 32-bit outputs for seed $seed', (c) => {
    const g = new Generator().manualSeed(seedOf(c.seed));
    const out = Array.from({ length: 1400 }, () => g.random());
    expect(g.initialSeed()).toBe(BigInt(c.initialSeed));
    expect(out.slice(0, 20)).toEqual(c.first);
    expect(out.slice(615, 635)).toEqual(c.around624);
    expect(out.slice(1240, 1260)).toEqual(c.around1248);
    expect(out.reduce((a, b) => a + b, 0)).toBe(c.sum);
  });

  it('clones into an independent engine', () => {
    const a = new MT19937(7n);
    a.nextUint32();
    const b = a.clone();
    expect(b.nextUint32()).toBe(a.nextUint32());
    b.nextUint32();
    expect(b.next).toBe(a.next + 1);
  });
});
