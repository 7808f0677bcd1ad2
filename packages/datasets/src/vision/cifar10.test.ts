import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataLoader } from '../dataloader.js';
import { readFixture } from '../fixtures.test.util.js';
import { useCpu } from '../setup.test.util.js';
import { ToTensor } from '../transforms/to-tensor.js';
import { CIFAR10 } from './cifar10.js';

beforeAll(useCpu);

interface Split {
  count: number;
  labels: number[];
  imageSums: number[];
  channelSums: number[][];
  pixel57: number[];
}
const fx = readFixture<{ cifar: { train: Split; test: Split } }>('loaders');
const ROOT = new URL('../__fixtures__/cifar-mini', import.meta.url).pathname;
const BIN = join(ROOT, 'cifar-10-batches-bin');
const tmp = mkdtempSync(join(tmpdir(), 'nabla-cifar-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('CIFAR10', () => {
  it('reads the binary records exactly, as H x W x C images', () => {
    for (const [train, split] of [
      [true, fx.cifar.train],
      [false, fx.cifar.test],
    ] as const) {
      const ds = new CIFAR10(ROOT, { train });
      expect(ds.length).toBe(split.count);
      expect(Array.from(ds.targets)).toEqual(split.labels);
      const sums = Array.from({ length: ds.length }, (_, i) =>
        Array.from(ds.image(i).data).reduce((a, b) => a + b, 0),
      );
      expect(sums).toEqual(split.imageSums);
      const first = ds.image(0);
      expect([first.height, first.width, first.channels]).toEqual([32, 32, 3]);
      expect(Array.from(first.data.subarray((5 * 32 + 7) * 3, (5 * 32 + 7) * 3 + 3))).toEqual(
        split.pixel57,
      );
    }
  });

  it('gives ToTensor images [3, 32, 32] whose channels hold the records planes', async () => {
    const ds = new CIFAR10(ROOT, { train: false, transform: new ToTensor() });
    const [x, y] = ds.get(0);
    expect(x.shape).toEqual([3, 32, 32]);
    expect(y).toBe(fx.cifar.test.labels[0]);
    const channelSums = [0, 1, 2].map((c) => x.index(c).sum().item() * 255);
    channelSums.forEach((s, c) => {
      expect(s).toBeCloseTo(fx.cifar.test.channelSums[0]?.[c] ?? -1, 1);
    });
    const batches: number[][] = [];
    for await (const [, labels] of new DataLoader(ds, { batchSize: 3 }))
      batches.push(labels.tolist() as number[]);
    expect(batches).toEqual([fx.cifar.test.labels.slice(0, 3), fx.cifar.test.labels.slice(3)]);
    expect(ds.classes[0]).toBe('airplane');
    expect(ds.classToIdx.truck).toBe(9);
  });

  it('names the file and the problem when a file is cut short or corrupt', () => {
    const bad = join(tmp, 'bad');
    cpSync(ROOT, bad, { recursive: true });
    const path = join(bad, 'cifar-10-batches-bin', 'test_batch.bin');
    const bytes = readFileSync(join(BIN, 'test_batch.bin'));
    writeFileSync(path, bytes.subarray(0, bytes.length - 5));
    expect(() => new CIFAR10(bad, { train: false })).toThrow(
      `${path}: truncated: 12287 bytes is not a whole number of 3073-byte records (1 label byte + 32 x 32 x 3 pixels)`,
    );
    const wrong = Buffer.from(bytes);
    wrong[3073] = 200;
    writeFileSync(path, wrong);
    expect(() => new CIFAR10(bad, { train: false })).toThrow(
      `${path}: corrupt: record 1 has label 200 (expected 0-9)`,
    );
    expect(() => new CIFAR10(join(tmp, 'none'))).toThrow('CIFAR10: data_batch_1.bin not found in');
  });
});
