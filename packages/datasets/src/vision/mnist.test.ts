import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Tensor } from '@nabla/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataLoader } from '../dataloader.js';
import { readFixture } from '../fixtures.test.util.js';
import { useCpu } from '../setup.test.util.js';
import { Compose, Lambda } from '../transforms/compose.js';
import { Normalize } from '../transforms/normalize.js';
import { ToTensor } from '../transforms/to-tensor.js';
import { FashionMNIST, MNIST } from './mnist.js';

beforeAll(useCpu);

interface Split {
  count: number;
  labelCounts: number[];
  firstLabels: number[];
  imageSums: number[];
}
const fx = readFixture<{ mnist: { train: Split; t10k: Split } }>('loaders');
const ROOT = new URL('../__fixtures__/mnist-mini', import.meta.url).pathname;
const RAW = join(ROOT, 'MNIST', 'raw');

const tmp = mkdtempSync(join(tmpdir(), 'nabla-mnist-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const sum = (bytes: ArrayLike<number>): number => Array.from(bytes).reduce((a, b) => a + b, 0);

describe('MNIST', () => {
  it('reads the files exactly: pixel sums and labels as Python reads them', () => {
    for (const [train, split] of [
      [true, fx.mnist.train],
      [false, fx.mnist.t10k],
    ] as const) {
      const ds = new MNIST(ROOT, { train });
      expect(ds.length).toBe(split.count);
      expect(ds.classes[3]).toBe('3 - three');
      const counts = new Array<number>(10).fill(0);
      for (const label of ds.targets) counts[label] = (counts[label] ?? 0) + 1;
      expect(counts).toEqual(split.labelCounts);
      expect(Array.from(ds.targets.subarray(0, 10))).toEqual(split.firstLabels);
      expect(Array.from({ length: ds.length }, (_, i) => sum(ds.image(i).data))).toEqual(
        split.imageSums,
      );
      const [image, label] = ds.get(-1);
      expect([image.height, image.width, image.channels]).toEqual([28, 28, 1]);
      expect(label).toBe(ds.targets[ds.length - 1]);
    }
  });

  it('finds plain (not gzipped) files in the root itself, as Debian lays them out', () => {
    const flat = join(tmp, 'flat');
    cpSync(RAW, flat, { recursive: true });
    for (const name of ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']) {
      writeFileSync(join(flat, name), gunzipSync(readFileSync(join(flat, `${name}.gz`))));
      rmSync(join(flat, `${name}.gz`));
    }
    const ds = new FashionMNIST(flat, { train: false });
    expect(ds.length).toBe(fx.mnist.t10k.count);
    expect(ds.classes[9]).toBe('Ankle boot');
  });

  it('converts whole batches as it converts samples one by one', () => {
    const transform = new Compose([new ToTensor(), new Normalize(0.1307, 0.3081)]);
    const ds = new MNIST(ROOT, { transform });
    const [x, y] = ds.getBatch([4, 0, 17]);
    expect(x.shape).toEqual([3, 1, 28, 28]);
    const one = [4, 0, 17].map((i) => ds.get(i));
    expect(Array.from(x.dataSync())).toEqual(one.flatMap(([xi]) => Array.from(xi.dataSync())));
    expect(y.tolist()).toEqual(one.map(([, yi]) => yi));
    // through a DataLoader, with a transform that cannot batch, the batches are the same
    const slow = new MNIST(ROOT, {
      transform: new Compose([transform, new Lambda((t: Tensor) => t)]),
    });
    const fast = [...new DataLoader(ds, { batchSize: 16 })];
    const same = [...new DataLoader(slow, { batchSize: 16 })];
    expect(fast.length).toBe(4);
    fast.forEach(([a, b], k) => {
      expect(a).toBeInstanceOf(Tensor);
      expect(Array.from(a.dataSync())).toEqual(Array.from(same[k]?.[0].dataSync() ?? []));
      expect(b.tolist()).toEqual(same[k]?.[1].tolist());
    });
  });

  it('names the file and the problem when the data is bad', () => {
    const bad = join(tmp, 'bad');
    const copy = (): void => cpSync(RAW, bad, { recursive: true });
    copy();
    // a label file with one label too few
    const labels = gunzipSync(readFileSync(join(bad, 't10k-labels-idx1-ubyte.gz')));
    const fewer = Buffer.from(labels.subarray(0, labels.length - 1));
    fewer.writeUInt32BE(fx.mnist.t10k.count - 1, 4);
    writeFileSync(join(bad, 't10k-labels-idx1-ubyte.gz'), gzipSync(fewer));
    expect(() => new MNIST(bad, { train: false })).toThrow(
      `${join(bad, 't10k-labels-idx1-ubyte.gz')}: 19 labels, but ${join(bad, 't10k-images-idx3-ubyte.gz')} has 20 images`,
    );
    // a label that is not a class
    const wrong = Buffer.from(labels);
    wrong[8 + 3] = 12;
    writeFileSync(join(bad, 't10k-labels-idx1-ubyte.gz'), gzipSync(wrong));
    expect(() => new MNIST(bad, { train: false })).toThrow(
      'corrupt: label 12 at index 3 is not a class (0-9)',
    );
    // truncated images, wrong magic
    const images = gunzipSync(readFileSync(join(RAW, 'train-images-idx3-ubyte.gz')));
    writeFileSync(join(bad, 'train-images-idx3-ubyte.gz'), gzipSync(images.subarray(0, 1000)));
    expect(() => new MNIST(bad)).toThrow(
      `${join(bad, 'train-images-idx3-ubyte.gz')}: truncated: header says 39200 bytes of data, file has 984`,
    );
    writeFileSync(
      join(bad, 'train-images-idx3-ubyte.gz'),
      gzipSync(Buffer.from('<html>not found</html>')),
    );
    expect(() => new MNIST(bad)).toThrow(`${join(bad, 'train-images-idx3-ubyte.gz')}: bad magic`);
    // missing
    expect(() => new MNIST(join(tmp, 'nowhere'))).toThrow(
      'MNIST: train-images-idx3-ubyte (or train-images-idx3-ubyte.gz) not found in',
    );
  });

  // Debian's dataset-fashion-mnist; runs only where it is installed.
  const debian = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';
  it.runIf(existsSync(join(debian, 't10k-labels-idx1-ubyte.gz')))(
    'reads the real Fashion-MNIST',
    () => {
      const test = new FashionMNIST(debian, { train: false });
      expect(test.length).toBe(10000);
      expect(Array.from(test.targets.subarray(0, 10))).toEqual([9, 2, 1, 1, 6, 1, 4, 6, 5, 7]);
      const train = new FashionMNIST(debian);
      expect(train.length).toBe(60000);
    },
  );
});
