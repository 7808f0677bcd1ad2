import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { RawImage } from '../transforms/raw-image.js';
import { type DownloadOptions, downloadResource, type Resource } from './download.js';
import { findFile } from './find-file.js';
import { type ImageArrays, ImageSet, type ImageSetTransforms } from './image-set.js';
import { readTar } from './tar.js';

const SIDE = 32;
const PIXELS = SIDE * SIDE;
const RECORD = 1 + 3 * PIXELS;
const FOLDER = 'cifar-10-batches-bin';
const TRAIN_FILES = [1, 2, 3, 4, 5].map((k) => `data_batch_${k}.bin`);
const TEST_FILES = ['test_batch.bin'];

/** Options of {@link CIFAR10}. */
export interface CIFAR10Options<S, L> extends ImageSetTransforms<S, L> {
  /** The training set (data_batch_1..5.bin, 50,000 images, default) or test_batch.bin. */
  train?: boolean;
}

/** Options of `CIFAR10.load`. */
export interface CIFAR10LoadOptions<S, L> extends CIFAR10Options<S, L> {
  /** Fetch and unpack cifar-10-binary.tar.gz (MD5-checked) when the files are missing. */
  download?: boolean;
  mirrors?: readonly string[];
  fetch?: DownloadOptions['fetch'];
}

/**
 * Reads CIFAR-10 records (the binary version: per image 1 label byte, then 1024 red, 1024 green
 * and 1024 blue bytes, rows of 32) into images as H x W x C bytes.
 *
 * @throws Error `<path>: truncated: ... is not a whole number of 3073-byte records` or
 *   `<path>: corrupt: record 17 has label 200 (expected 0-9)`
 */
export function parseCifarBatches(
  files: readonly { path: string; bytes: Uint8Array }[],
): ImageArrays {
  let count = 0;
  for (const { path, bytes } of files) {
    if (bytes.length === 0 || bytes.length % RECORD !== 0) {
      throw new Error(
        `${path}: truncated: ${bytes.length} bytes is not a whole number of ${RECORD}-byte records (1 label byte + 32 x 32 x 3 pixels)`,
      );
    }
    count += bytes.length / RECORD;
  }
  const images = new Uint8Array(count * 3 * PIXELS);
  const labels = new Uint8Array(count);
  let n = 0;
  for (const { path, bytes } of files) {
    for (let r = 0; r < bytes.length / RECORD; r++, n++) {
      const base = r * RECORD;
      const label = bytes[base] as number;
      if (label > 9)
        throw new Error(`${path}: corrupt: record ${r} has label ${label} (expected 0-9)`);
      labels[n] = label;
      // record: [3, 32, 32] -> image: [32, 32, 3]
      const out = n * 3 * PIXELS;
      for (let c = 0; c < 3; c++) {
        const plane = base + 1 + c * PIXELS;
        for (let k = 0; k < PIXELS; k++) images[out + 3 * k + c] = bytes[plane + k] as number;
      }
    }
  }
  return { images, labels, count, height: SIDE, width: SIDE, channels: 3 };
}

/**
 * CIFAR-10 (32 x 32 colour images, 10 classes), read from the binary version's files
 * (data_batch_1..5.bin, test_batch.bin) in `root/cifar-10-batches-bin/` or `root` itself. Sample
 * `i` is `[transform(image), label]`, the image a RawImage of 32 x 32 x 3 bytes, as the PIL
 * image torchvision gives. Mirrors `torchvision.datasets.CIFAR10(root, train, transform,
 * target_transform, download)`, which reads the Python (pickle) version of the same data. Node only.
 *
 * @example
 * const test = new CIFAR10('./data', { train: false, transform: new ToTensor() });
 * test.get(0)[0].shape; // [3, 32, 32]
 */
export class CIFAR10<S = RawImage, L = number> extends ImageSet<S, L> {
  static readonly resource: Resource = {
    file: 'cifar-10-binary.tar.gz',
    md5: 'c32a1d4ab5d03f1284b67883e8d87530',
  };
  static readonly mirrors: readonly string[] = ['https://www.cs.toronto.edu/~kriz/'];
  static readonly classes: readonly string[] = [
    'airplane',
    'automobile',
    'bird',
    'cat',
    'deer',
    'dog',
    'frog',
    'horse',
    'ship',
    'truck',
  ];

  readonly root: string;
  readonly train: boolean;

  constructor(root: string, options: CIFAR10Options<S, L> = {}) {
    const train = options.train ?? true;
    const files = (train ? TRAIN_FILES : TEST_FILES).map((name) => {
      const path = findFile([join(root, FOLDER), root], [name]);
      if (path === null) {
        throw new Error(
          `CIFAR10: ${name} not found in ${join(root, FOLDER)} or ${root}; download it with await CIFAR10.load(root, { download: true })`,
        );
      }
      return { path, bytes: readFileSync(path) as Uint8Array };
    });
    super(parseCifarBatches(files), options);
    this.root = root;
    this.train = train;
  }

  get classes(): readonly string[] {
    return CIFAR10.classes;
  }

  /** Reads the dataset, after fetching and unpacking the archive when `download` is set. */
  static async load<S = RawImage, L = number>(
    this: CifarClass,
    root: string,
    options: CIFAR10LoadOptions<S, L> = {},
  ): Promise<CIFAR10<S, L>> {
    // biome-ignore lint/complexity/noThisInStatic: a subclass loads with its own archive and checksum
    return loadCifar(this, root, options);
  }
}

/** `CIFAR10.load` for the class `cls`: downloads and unpacks what is missing, then reads. */
async function loadCifar<S, L>(
  cls: CifarClass,
  root: string,
  options: CIFAR10LoadOptions<S, L>,
): Promise<CIFAR10<S, L>> {
  const all = [...TRAIN_FILES, ...TEST_FILES];
  const missing = all.some((name) => findFile([join(root, FOLDER), root], [name]) === null);
  if (options.download && missing) {
    const archive = await downloadResource(cls.resource, root, {
      mirrors: options.mirrors ?? cls.mirrors,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    await unpack(archive, join(root, FOLDER), all);
  }
  return new cls(root, options as CIFAR10Options<never, never>) as unknown as CIFAR10<S, L>;
}

/** CIFAR10 or a subclass of it (one with another archive), as `load` sees it. */
type CifarClass = (new (
  root: string,
  options: CIFAR10Options<never, never>,
) => CIFAR10<unknown, unknown>) & {
  readonly resource: Resource;
  readonly mirrors: readonly string[];
};

/** Writes the named members of a .tar.gz into `dir` (each to a temporary name, then renamed). */
async function unpack(archivePath: string, dir: string, names: readonly string[]): Promise<void> {
  const entries = readTar(gunzipSync(await readFile(archivePath)), archivePath);
  await mkdir(dir, { recursive: true });
  for (const name of names) {
    const entry = entries.find((e) => e.name === `${FOLDER}/${name}` || e.name === name);
    if (entry === undefined)
      throw new Error(`${archivePath}: the archive has no ${FOLDER}/${name}`);
    const dest = join(dir, name);
    const temp = `${dest}.part`;
    try {
      await writeFile(temp, entry.data);
      await rename(temp, dest);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}
