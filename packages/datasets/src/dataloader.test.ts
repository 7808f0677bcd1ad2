import { arange, Generator, manualSeed, rand } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataLoader } from './dataloader.js';
import { type LoaderFixture, readFixture } from './fixtures.test.util.js';
import { useCpu } from './setup.test.util.js';
import { TensorDataset } from './tensor-dataset.js';

beforeAll(useCpu);

const fixture = readFixture<LoaderFixture>('dataloader');
type Case = LoaderFixture['loaders'][number];

/** h = (h * 31 + i) mod 2^32 over the order, as tools/fixtures/datasets.py computes it. */
function orderHash(indices: Iterable<number>): number {
  let h = 0;
  for (const i of indices) h = (Math.imul(h, 31) + i) >>> 0;
  return h;
}

const name = (c: Case): string =>
  `n=${c.n} seed=${c.seed} batch=${c.batchSize} shuffle=${c.shuffle} dropLast=${c.dropLast} generator=${c.generator}`;

describe('DataLoader: the order of torch.utils.data.DataLoader for the same seed', () => {
  it.each(fixture.loaders.map((c) => [name(c), c] as const))('%s', (_, c) => {
    const generator = c.generator ? new Generator().manualSeed(c.seed) : undefined;
    manualSeed(c.seed);
    const loader = new DataLoader(new TensorDataset(arange(c.n)), {
      batchSize: c.batchSize,
      shuffle: c.shuffle,
      dropLast: c.dropLast,
      ...(generator ? { generator } : {}),
    });
    expect(loader.length).toBe(c.length);
    for (const epoch of c.epochs) {
      const batches = [...loader].map(([x]) => Array.from(x.dataSync()));
      if ('batches' in epoch) {
        expect(batches).toEqual(epoch.batches);
      } else {
        expect(batches.length).toBe(epoch.count);
        expect(batches[0]).toEqual(epoch.first);
        expect(batches[batches.length - 1]).toEqual(epoch.last);
        expect(orderHash(batches.flat())).toBe(epoch.hash);
      }
    }
    // both generators are where PyTorch left them
    expect(Array.from(rand(3).dataSync())).toEqual(c.after.rand.map(Math.fround));
    if (generator && c.after.generatorRand) {
      const next = rand(3, { generator }).dataSync();
      expect(Array.from(next)).toEqual(c.after.generatorRand.map(Math.fround));
    }
  });

  it('gives the same batches with for await and any prefetch', async () => {
    const c = fixture.loaders.find((x) => x.n === 100 && x.seed === 123 && !x.generator);
    if (!c || !('batches' in (c.epochs[0] ?? {}))) throw new Error('fixture case missing');
    for (const prefetch of [0, 1, 3]) {
      manualSeed(c.seed);
      const loader = new DataLoader(new TensorDataset(arange(c.n)), {
        batchSize: c.batchSize,
        shuffle: true,
        dropLast: c.dropLast,
        prefetch,
      });
      for (const epoch of c.epochs) {
        const batches: number[][] = [];
        for await (const [x] of loader) batches.push(Array.from(x.dataSync()));
        expect(batches).toEqual((epoch as { batches: number[][] }).batches);
      }
      expect(Array.from(rand(3).dataSync())).toEqual(c.after.rand.map(Math.fround));
    }
  });
});
