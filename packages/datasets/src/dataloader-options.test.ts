import { arange, Generator, tensor } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataLoader } from './dataloader.js';
import { Dataset } from './dataset.js';
import { BatchSampler, SequentialSampler } from './sampler.js';
import { useCpu } from './setup.test.util.js';
import { TensorDataset } from './tensor-dataset.js';

beforeAll(useCpu);

/** Counts the samples read one by one, and fails on the index given. */
class Counting extends Dataset<[number, number]> {
  reads = 0;
  constructor(
    readonly n: number,
    readonly failAt = -1,
  ) {
    super();
  }
  get length(): number {
    return this.n;
  }
  getItem(i: number): [number, number] {
    if (i === this.failAt) throw new Error(`sample ${i} is unreadable`);
    this.reads++;
    return [i, i % 2];
  }
}

describe('DataLoader options', () => {
  it('batches plain arrays and datasets with the default collate, the last batch partial', () => {
    const loader = new DataLoader(new Counting(5), { batchSize: 2 });
    expect(loader.length).toBe(3);
    const batches = [...loader].map(([x, y]) => [x.tolist(), y.tolist()]);
    expect(batches).toEqual([
      [
        [0, 1],
        [0, 1],
      ],
      [
        [2, 3],
        [0, 1],
      ],
      [[4], [0]],
    ]);
    const fromArray = new DataLoader([10, 20, 30], { batchSize: 2, dropLast: true });
    expect(fromArray.length).toBe(1);
    expect([...fromArray].map((b) => b.tolist())).toEqual([[10, 20]]);
  });

  it('uses a custom collate and a batch size of 1 by default', () => {
    const loader = new DataLoader(new Counting(3), {
      collate: (samples) => samples.map(([x]) => x).join('+'),
    });
    expect([...loader]).toEqual(['0', '1', '2']);
  });

  it('reads a TensorDataset batch by batch, not sample by sample', () => {
    const x = arange(6).view(3, 2);
    const loader = new DataLoader(new TensorDataset(x, tensor([0, 1, 0])), { batchSize: 2 });
    const [first] = [...loader];
    expect(first?.[0].buffer).toBe(x.buffer);
  });

  it('takes a sampler or a batch sampler', () => {
    const ds = new Counting(6);
    const sampler = {
      length: 3,
      *[Symbol.iterator]() {
        yield* [5, 0, 3];
      },
    };
    const bySampler = new DataLoader(ds, { sampler, batchSize: 2 });
    expect([...bySampler].map(([x]) => x.tolist())).toEqual([[5, 0], [3]]);
    const batchSampler = new BatchSampler(new SequentialSampler(ds), 4, true);
    const byBatches = new DataLoader(ds, { batchSampler });
    expect(byBatches.batchSize).toBeNull();
    expect([...byBatches].map(([x]) => x.tolist())).toEqual([[0, 1, 2, 3]]);
  });

  it('rejects options PyTorch rejects', () => {
    const ds = new Counting(4);
    const sampler = new SequentialSampler(ds);
    expect(() => new DataLoader(ds, { sampler, shuffle: true })).toThrow(
      'DataLoader: sampler option is mutually exclusive with shuffle',
    );
    const batchSampler = new BatchSampler(sampler, 2, false);
    expect(() => new DataLoader(ds, { batchSampler, batchSize: 2 })).toThrow(
      'DataLoader: batchSampler option is mutually exclusive with batchSize, shuffle, sampler, and dropLast',
    );
    expect(() => new DataLoader(ds, { batchSize: 0 })).toThrow(
      'BatchSampler: batchSize should be a positive integer value, but got batchSize=0',
    );
    expect(() => new DataLoader([], { shuffle: true })).toThrow(
      'RandomSampler: numSamples should be a positive integer value, but got numSamples=0',
    );
  });

  it('passes on a failing sample, and a prefetched failure does not outlive an early break', async () => {
    expect(() => [...new DataLoader(new Counting(4, 3), { batchSize: 2 })]).toThrow(
      'sample 3 is unreadable',
    );
    const loader = new DataLoader(new Counting(4, 3), { batchSize: 2, prefetch: 2 });
    for await (const [x] of loader) {
      expect(x.tolist()).toEqual([0, 1]);
      break;
    }
    await expect(async () => {
      for await (const _ of loader);
    }).rejects.toThrow('sample 3 is unreadable');
  });

  it('shuffles with a given generator, reproducibly', () => {
    const ds = arange(20).tolist() as number[];
    const order = (seed: number) =>
      [...new DataLoader(ds, { batchSize: 20, shuffle: true, generator: new Generator(seed) })].map(
        (b) => b.tolist(),
      );
    expect(order(5)).toEqual(order(5));
    expect(order(5)).not.toEqual(order(6));
  });
});
