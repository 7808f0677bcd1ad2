import { Generator, manualSeed, rand, randperm, randpermValues } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { type LoaderFixture, readFixture } from './fixtures.test.util.js';
import { randomSplit } from './random-split.js';
import { useCpu } from './setup.test.util.js';

beforeAll(useCpu);

const fixture = readFixture<LoaderFixture>('dataloader');

describe('randomSplit', () => {
  it.each(fixture.splits.map((c) => [`n=${c.n} lengths=${c.lengths} seed=${c.seed}`, c] as const))(
    'splits as torch.utils.data.random_split: %s',
    (_, c) => {
      manualSeed(c.seed);
      const range = Array.from({ length: c.n }, (_, i) => i);
      const parts = c.generator
        ? randomSplit(range, c.lengths, new Generator().manualSeed(c.seed))
        : randomSplit(range, c.lengths);
      expect(parts.map((p) => [...p])).toEqual(c.parts);
      expect(Array.from(rand(2).dataSync())).toEqual(c.after.map(Math.fround));
    },
  );

  it('rejects lengths that do not add up, and bad fractions', () => {
    expect(() => randomSplit([1, 2, 3], [1, 1])).toThrow(
      'randomSplit: sum of input lengths (2) does not equal the length of the input dataset (3)',
    );
    expect(() => randomSplit([1, 2, 3], [1.5, -0.5])).toThrow(
      'randomSplit: fraction at index 0 is not between 0 and 1: 1.5',
    );
  });
});

describe("randpermValues (the samplers' permutation)", () => {
  it('is the permutation torch.randperm draws (as @nabla/tensor randperm)', () => {
    for (const n of [0, 1, 2, 5, 100, 1000]) {
      const a = randpermValues(n, new Generator(7));
      const b = randperm(n, { generator: new Generator(7) }).dataSync();
      expect(Array.from(a)).toEqual(Array.from(b));
    }
    // torch.manual_seed(0); torch.randperm(5) -> tensor([4, 0, 1, 3, 2])
    expect(Array.from(randpermValues(5, new Generator(0)))).toEqual([4, 0, 1, 3, 2]);
  });
});
