import { join } from 'node:path';
import { type IdxArray, parseIdx } from '../idx.js';
import { readIdxFileSync } from '../read-idx-file.js';
import type { RawImage } from '../transforms/raw-image.js';
import { type DownloadOptions, downloadResource, type Resource } from './download.js';
import { findFile } from './find-file.js';
import { type ImageArrays, ImageSet, type ImageSetTransforms } from './image-set.js';

/** Options of {@link MNIST} and {@link FashionMNIST}. */
export interface MNISTOptions<S, L> extends ImageSetTransforms<S, L> {
  /** The training set (60,000 images, default) or the test set (10,000). */
  train?: boolean;
}

/** Options of `MNIST.load`: those of the constructor, plus downloading. */
export interface MNISTLoadOptions<S, L> extends MNISTOptions<S, L> {
  /** Fetch the files that are missing into `<root>/<name>/raw/`, checking their MD5. */
  download?: boolean;
  /** Where to fetch from (default: the class's mirrors, as torchvision's). */
  mirrors?: readonly string[];
  /** The fetch to use (default: the global fetch). */
  fetch?: DownloadOptions['fetch'];
}

/** How a dataset in the MNIST format names and finds its files. */
interface MnistFormat {
  readonly name: string;
  readonly resources: readonly Resource[];
  readonly mirrors: readonly string[];
  readonly classes: readonly string[];
}

const files = (train: boolean): [string, string] =>
  train
    ? ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte']
    : ['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];

/** Reads an images file [N, H, W] and a labels file [N] and checks that they agree. */
function readPair(imagesPath: string, labelsPath: string, classes: number): ImageArrays {
  const images = readIdxFileSync(imagesPath);
  const labels = readIdxFileSync(labelsPath);
  return checkPair(images, imagesPath, labels, labelsPath, classes);
}

/** Checks parsed IDX images and labels: types, dimensions, counts and label values. */
export function checkPair(
  images: IdxArray,
  imagesPath: string,
  labels: IdxArray,
  labelsPath: string,
  classes: number,
): ImageArrays {
  if (images.dtype !== 'uint8' || images.dims.length !== 3) {
    throw new Error(
      `${imagesPath}: expected images as uint8 [N, H, W], got ${images.dtype} [${images.dims.join(', ')}]`,
    );
  }
  if (labels.dtype !== 'uint8' || labels.dims.length !== 1) {
    throw new Error(
      `${labelsPath}: expected labels as uint8 [N], got ${labels.dtype} [${labels.dims.join(', ')}]`,
    );
  }
  const [count, height, width] = images.dims as [number, number, number];
  if (labels.dims[0] !== count) {
    throw new Error(
      `${labelsPath}: ${labels.dims[0]} labels, but ${imagesPath} has ${count} images`,
    );
  }
  const bad = labels.data.findIndex((v) => v >= classes);
  if (bad >= 0) {
    throw new Error(
      `${labelsPath}: corrupt: label ${labels.data[bad]} at index ${bad} is not a class (0-${classes - 1})`,
    );
  }
  return { images: images.data, labels: labels.data, count, height, width, channels: 1 };
}

/**
 * The MNIST handwritten digits (28 x 28 grayscale, labels 0-9), read from the official IDX files
 * (gzipped or not) in `root/MNIST/raw/` as torchvision lays them out, or in `root` itself.
 * Sample `i` is `[transform(image), label]`, the image a RawImage of 28 x 28 x 1 bytes. The
 * constructor reads synchronously; `await MNIST.load(root, { download: true })` fetches missing
 * files first (MD5-checked). Mirrors `torchvision.datasets.MNIST(root, train, transform,
 * target_transform, download)`. Node only.
 *
 * @example
 * const train = new MNIST('./data', { train: true, transform: new ToTensor() });
 * const [x, y] = train.get(0); // x: [1, 28, 28] in [0, 1], y: 5
 */
export class MNIST<S = RawImage, L = number> extends ImageSet<S, L> {
  static readonly resources: readonly Resource[] = [
    { file: 'train-images-idx3-ubyte.gz', md5: 'f68b3c2dcbeaaa9fbdd348bbdeb94873' },
    { file: 'train-labels-idx1-ubyte.gz', md5: 'd53e105ee54ea40749a09fcbcd1e9432' },
    { file: 't10k-images-idx3-ubyte.gz', md5: '9fb629c4189551a2d022fa330f9573f3' },
    { file: 't10k-labels-idx1-ubyte.gz', md5: 'ec29112dd5afa0611ce80d1b7f02629c' },
  ];
  static readonly mirrors: readonly string[] = [
    'http://yann.lecun.com/exdb/mnist/',
    'https://ossci-datasets.s3.amazonaws.com/mnist/',
  ];
  static readonly classes: readonly string[] = [
    '0 - zero',
    '1 - one',
    '2 - two',
    '3 - three',
    '4 - four',
    '5 - five',
    '6 - six',
    '7 - seven',
    '8 - eight',
    '9 - nine',
  ];

  readonly root: string;
  readonly train: boolean;

  constructor(root: string, options: MNISTOptions<S, L> = {}) {
    const format = formatOf(new.target);
    const train = options.train ?? true;
    const found = findFiles(root, format, train);
    super(readPair(found[0], found[1], format.classes.length), options);
    this.root = root;
    this.train = train;
  }

  get classes(): readonly string[] {
    return (this.constructor as typeof MNIST).classes;
  }

  /** The folder torchvision keeps the files in: `<root>/<ClassName>/raw`. */
  static rawFolder(root: string): string {
    // biome-ignore lint/complexity/noThisInStatic: FashionMNIST keeps its files under its own name
    return join(root, this.name, 'raw');
  }

  /**
   * Reads the dataset as the constructor does, after fetching the files that are missing when
   * `download` is set (all four, as torchvision does). Mirrors `MNIST(root, download=True)`.
   */
  static async load<S = RawImage, L = number>(
    this: MnistClass,
    root: string,
    options: MNISTLoadOptions<S, L> = {},
  ): Promise<MNIST<S, L>> {
    // biome-ignore lint/complexity/noThisInStatic: a subclass loads with its own files and checksums
    return loadMnist(this, root, options);
  }
}

/**
 * Zalando's Fashion-MNIST (28 x 28 grayscale clothes, 10 classes), in MNIST's format and layout:
 * `root/FashionMNIST/raw/`, or `root` itself (Debian's dataset-fashion-mnist puts the files in
 * /usr/share/datasets/fashion-mnist). Mirrors `torchvision.datasets.FashionMNIST`.
 *
 * @example
 * const test = new FashionMNIST('/usr/share/datasets/fashion-mnist', { train: false });
 * test.length; // 10000
 */
export class FashionMNIST<S = RawImage, L = number> extends MNIST<S, L> {
  static override readonly resources: readonly Resource[] = [
    { file: 'train-images-idx3-ubyte.gz', md5: '8d4fb7e6c68d591d4c3dfef9ec88bf0d' },
    { file: 'train-labels-idx1-ubyte.gz', md5: '25c81989df183df01b3e8a0aad5dffbe' },
    { file: 't10k-images-idx3-ubyte.gz', md5: 'bef4ecab320f06d8554ea6380940ec79' },
    { file: 't10k-labels-idx1-ubyte.gz', md5: 'bb300cfdad3c16e7a12a480ee83cd310' },
  ];
  static override readonly mirrors: readonly string[] = [
    'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
  ];
  static override readonly classes: readonly string[] = [
    'T-shirt/top',
    'Trouser',
    'Pullover',
    'Dress',
    'Coat',
    'Sandal',
    'Shirt',
    'Sneaker',
    'Bag',
    'Ankle boot',
  ];
}

/** MNIST or a subclass of it (FashionMNIST, or one with other resources), as `load` sees it. */
type MnistClass = (new (
  root: string,
  options: MNISTOptions<never, never>,
) => MNIST<unknown, unknown>) &
  MnistFormat & { rawFolder(root: string): string };

/** `MNIST.load` for the class `cls`: downloads what is missing, then reads. */
async function loadMnist<S, L>(
  cls: MnistClass,
  root: string,
  options: MNISTLoadOptions<S, L>,
): Promise<MNIST<S, L>> {
  if (options.download) {
    const dir = cls.rawFolder(root);
    for (const resource of cls.resources) {
      const plain = resource.file.replace(/\.gz$/, '');
      if (findFile([dir, root], [resource.file, plain]) !== null) continue;
      await downloadResource(resource, dir, {
        mirrors: options.mirrors ?? cls.mirrors,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
    }
  }
  return new cls(root, options as MNISTOptions<never, never>) as unknown as MNIST<S, L>;
}

function formatOf(cls: MnistFormat): MnistFormat {
  return { name: cls.name, resources: cls.resources, mirrors: cls.mirrors, classes: cls.classes };
}

/** The images and labels files of a split, looked for in `<root>/<name>/raw` and `<root>`. */
function findFiles(root: string, format: MnistFormat, train: boolean): [string, string] {
  const dirs = [join(root, format.name, 'raw'), root];
  return files(train).map((name) => {
    const path = findFile(dirs, [name, `${name}.gz`]);
    if (path === null) {
      throw new Error(
        `${format.name}: ${name} (or ${name}.gz) not found in ${dirs.join(' or ')}; download it with await ${format.name}.load(root, { download: true })`,
      );
    }
    return path;
  }) as [string, string];
}

/** Reads MNIST-format bytes already in memory (a browser's fetch): images and labels IDX. */
export function mnistArrays(images: Uint8Array, labels: Uint8Array, classes = 10): ImageArrays {
  return checkPair(
    parseIdx(images, 'images'),
    'images',
    parseIdx(labels, 'labels'),
    'labels',
    classes,
  );
}
