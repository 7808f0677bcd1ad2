import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Tensor, vision } from 'nabla';
import { UsageError } from './errors.js';

// Where the programs get their data: the real data sets shipped with @nabla/datasets (its `data`
// folder: Iris, Boston, 10,000 MNIST images, a Fashion-MNIST subset), Debian's full Fashion-MNIST
// when installed, and CIFAR-10 from a folder the user names with --data-dir.
//
// Nothing else in the app knows where files live.

/** Debian's dataset-fashion-mnist puts the full set here. */
export const FASHION_MNIST_SYSTEM_DIR = '/usr/share/datasets/fashion-mnist';

/** The `data` folder of @nabla/datasets (the real data it ships). */
export function shippedDataDir(): string {
  return vision.datasets.shippedDataDir();
}

/** A table of the course: features `[N, F]` float32 and the target `[N]`. */
export interface Table {
  x: Tensor;
  y: Tensor;
  featureNames: readonly string[];
  classes: readonly string[] | null;
}

function table(path: string, options: Parameters<typeof vision.datasets.readCsvDataset>[1]): Table {
  const ds = vision.datasets.readCsvDataset(path, options);
  const [x, y] = ds.tensors;
  return { x, y, featureNames: ds.featureNames, classes: ds.classes };
}

/** Iris, 150 rows as sklearn's `load_iris()`: x `[150, 4]`, y `[150]` int32 (0, 1, 2). */
export function iris(): Table {
  return table(join(shippedDataDir(), 'iris.csv'), { target: 'species', targetType: 'class' });
}

/** Boston housing, 506 rows: the named feature columns and the price (`yt`). */
export function boston(features: readonly string[]): Table {
  return table(join(shippedDataDir(), 'boston.csv'), {
    target: 'PRICE',
    targetType: 'number',
    features,
  });
}

/** The shipped MNIST set: the first 10,000 MNIST images, 8,000 train and 2,000 test. */
export function mnistRoot(): string {
  return join(shippedDataDir(), 'mnist');
}

const MNIST_FILES = [
  'train-images-idx3-ubyte',
  'train-labels-idx1-ubyte',
  't10k-images-idx3-ubyte',
  't10k-labels-idx1-ubyte',
];

function hasMnistFiles(dir: string): boolean {
  return MNIST_FILES.every((f) => existsSync(join(dir, `${f}.gz`)) || existsSync(join(dir, f)));
}

/** Which image data set the chapter 9 and 10 programs train on, and where its files are. */
export interface ImageSource {
  kind: 'cifar10' | 'fashion-mnist';
  root: string;
  /** A line for the output: what was read. */
  description: string;
}

/**
 * The image data of chapters 9 and 10: with `--data-dir`, CIFAR-10 (the binary version,
 * `cifar-10-batches-bin/`) or a Fashion-MNIST folder found there; without it, Debian's full
 * Fashion-MNIST if installed, else the subset shipped with Nabla.
 *
 * @throws UsageError when `--data-dir` holds neither.
 */
export function imageSource(dataDir: string | undefined): ImageSource {
  if (dataDir !== undefined) {
    if (!existsSync(dataDir)) {
      throw new UsageError(
        `--data-dir ${dataDir}: no such folder; give the folder that holds cifar-10-batches-bin/ (CIFAR-10, binary version) or drop --data-dir to use Fashion-MNIST`,
      );
    }
    const cifar = ['', 'cifar-10-batches-bin'].map((d) => join(dataDir, d));
    if (cifar.some((d) => existsSync(join(d, 'test_batch.bin')))) {
      return { kind: 'cifar10', root: dataDir, description: `CIFAR-10 from ${dataDir}` };
    }
    for (const d of [dataDir, join(dataDir, 'FashionMNIST', 'raw')]) {
      if (hasMnistFiles(d)) {
        return { kind: 'fashion-mnist', root: d, description: `Fashion-MNIST from ${d}` };
      }
    }
    throw new UsageError(
      `--data-dir ${dataDir}: holds neither CIFAR-10 (cifar-10-batches-bin/*.bin from https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz) nor Fashion-MNIST IDX files; unpack one there, or drop --data-dir`,
    );
  }
  if (hasMnistFiles(FASHION_MNIST_SYSTEM_DIR)) {
    return {
      kind: 'fashion-mnist',
      root: FASHION_MNIST_SYSTEM_DIR,
      description: `Fashion-MNIST, the full set (${FASHION_MNIST_SYSTEM_DIR})`,
    };
  }
  const root = join(shippedDataDir(), 'fashion-mnist');
  return {
    kind: 'fashion-mnist',
    root,
    description: 'Fashion-MNIST, the subset shipped with Nabla (2,000 train / 500 test images)',
  };
}
