import { Generator, manualSeed } from '@nabla/tensor';
import { describe, expect, it } from 'vitest';
import { type LoaderFixture, readFixture } from './fixtures.test.util.js';
import { randomSplit } from './random-split.js';
import { BatchSampler, RandomSampler, SequentialSampler } from './sampler.js';

describe('samplers', () => {
  it('give the documented examples', () => {
    // torch.manual_seed(0); list(RandomSampler(range(10)))
    manualSeed(0);
    expect([...new RandomSampler({ length: 10 })]).toEqual([6, 9, 0, 7, 3, 5, 4, 2, 1, 8]);
    // random_split(range(10), [0.8, 0.2], generator=torch.Generator().manual_seed(42))
    const range10 = Array.from({ length: 10 }, (_, i) => i);
    const parts = randomSplit(range10, [0.8, 0.2], new Generator().manualSeed(42));
    expect(parts.map((p) => [...p])).toEqual([
      [2, 6, 1, 8, 4, 5, 0, 9],
      [3, 7],
    ]);
    expect([...new BatchSampler(new SequentialSampler({ length: 10 }), 3, false)]).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
      [9],
    ]);
    expect(new BatchSampler(new SequentialSampler({ length: 10 }), 3, true).length).toBe(3);
  });

  it.each(
    readFixture<LoaderFixture>('dataloader').samplers.map(
      (c) => [JSON.stringify(c).slice(0, 60), c] as const,
    ),
  )('draws as torch RandomSampler with a generator: %s', (_, c) => {
    const g = new Generator().manualSeed(c.seed);
    const order = [
      ...new RandomSampler(
        { length: c.n },
        { replacement: c.replacement, numSamples: c.numSamples, generator: g },
      ),
    ];
    expect(order).toEqual(c.order);
  });

  it('draws with replacement in chunks of 32, and more samples than the data', () => {
    const g = new Generator(5);
    const drawn = [
      ...new RandomSampler({ length: 4 }, { replacement: true, numSamples: 40, generator: g }),
    ];
    expect(drawn.length).toBe(40);
    // randint(0, 4) draws random() % 4 per value
    const again = new Generator(5);
    expect(drawn).toEqual(Array.from({ length: 40 }, () => again.random() % 4));
    const twice = [
      ...new RandomSampler({ length: 3 }, { numSamples: 7, generator: new Generator(1) }),
    ];
    expect(twice.length).toBe(7);
    expect([...twice.slice(0, 3)].sort()).toEqual([0, 1, 2]);
  });
});
