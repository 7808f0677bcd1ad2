import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Dataset, normalizeIndex } from '../dataset.js';
import type { RawImage } from '../transforms/raw-image.js';
import { toGray, toRGB } from './convert.js';
import { decodeJpeg, decodePng } from './decoders.js';
import { decodeNetpbm } from './netpbm.js';

/** Turns a file's bytes into an image; throws when they are not a readable image. */
export type ImageDecoder = (bytes: Uint8Array, path: string) => RawImage;

/** The file extensions torchvision's ImageFolder takes (`IMG_EXTENSIONS`). */
export const IMG_EXTENSIONS: readonly string[] = [
  '.jpg',
  '.jpeg',
  '.png',
  '.ppm',
  '.bmp',
  '.pgm',
  '.tif',
  '.tiff',
  '.webp',
];

/** Options of {@link ImageFolder}. */
export interface ImageFolderOptions<S, L> {
  /** Applied to each image (a RawImage, RGB unless `convert` says otherwise). */
  transform?: (image: RawImage) => S;
  /** Applied to each label. */
  targetTransform?: (label: number) => L;
  /**
   * Decoders by lowercase extension, added to (or replacing) the built-in ones: .png (pngjs),
   * .jpg and .jpeg (jpeg-js), .ppm and .pgm. E.g. `{ '.webp': decodeWebp }`.
   */
  decoders?: Readonly<Record<string, ImageDecoder>>;
  /** Which files are samples (lowercase extensions; default IMG_EXTENSIONS). */
  extensions?: readonly string[];
  /** 'RGB' (default, as torchvision's default loader), 'L' (grayscale) or null (as decoded). */
  convert?: 'RGB' | 'L' | null;
}

/** The decoders ImageFolder uses unless told otherwise, by lowercase extension. */
export const DEFAULT_DECODERS: Readonly<Record<string, ImageDecoder>> = {
  '.png': decodePng,
  '.jpg': decodeJpeg,
  '.jpeg': decodeJpeg,
  '.ppm': decodeNetpbm,
  '.pgm': decodeNetpbm,
};

/** Every file under `dir`, walked as `sorted(os.walk(dir, followlinks=True))` with sorted names. */
function walk(dir: string): string[] {
  const dirs: string[] = [];
  const visit = (d: string): void => {
    dirs.push(d);
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) visit(path);
    }
  };
  visit(dir);
  dirs.sort();
  const files: string[] = [];
  for (const d of dirs) {
    const names = readdirSync(d).filter((name) => !statSync(join(d, name)).isDirectory());
    for (const name of names.sort()) files.push(join(d, name));
  }
  return files;
}

/**
 * Images sorted into one folder per class (`root/ants/001.jpg`, `root/bees/042.jpg`): the classes
 * are the folder names, sorted, labelled 0, 1, ...; the samples are the image files under each
 * (sub-folders included), in sorted order. Images are read when a sample is asked for (`get`,
 * or `getAsync` without blocking, which `for await` over a DataLoader uses). Mirrors
 * `torchvision.datasets.ImageFolder(root, transform, target_transform)`. Node only.
 *
 * @example
 * const train = new ImageFolder('hymenoptera_data/train', { transform }); // .jpg and .png decoded
 * train.classes; // ['ants', 'bees']
 * train.get(-1); // the last image of 'bees', transformed, and 1
 */
export class ImageFolder<S = RawImage, L = number> extends Dataset<[S, L]> {
  readonly root: string;
  /** The class names: the sub-folders of root, sorted. */
  readonly classes: readonly string[];
  /** The label of each class name (`class_to_idx`). */
  readonly classToIdx: Readonly<Record<string, number>>;
  /** Each sample's file and label (`samples`, also `imgs`). */
  readonly samples: readonly (readonly [string, number])[];
  /** Each sample's label. */
  readonly targets: readonly number[];
  private readonly options: ImageFolderOptions<S, L>;
  private readonly decoders: Readonly<Record<string, ImageDecoder>>;

  constructor(root: string, options: ImageFolderOptions<S, L> = {}) {
    super();
    this.root = root;
    this.options = options;
    this.decoders = { ...DEFAULT_DECODERS, ...lowerKeys(options.decoders ?? {}) };
    const extensions = (options.extensions ?? IMG_EXTENSIONS).map((e) => e.toLowerCase());
    const classes = readdirSync(root)
      .filter((name) => statSync(join(root, name)).isDirectory())
      .sort();
    if (classes.length === 0)
      throw new Error(`ImageFolder: couldn't find any class folder in ${root}`);
    const samples: [string, number][] = [];
    const empty: string[] = [];
    classes.forEach((name, label) => {
      const files = walk(join(root, name)).filter((f) =>
        extensions.includes(extname(f).toLowerCase()),
      );
      if (files.length === 0) empty.push(name);
      for (const f of files) samples.push([f, label]);
    });
    if (empty.length > 0) {
      throw new Error(
        `ImageFolder: ${root}: found no valid file for the classes ${empty.join(', ')}; supported extensions are ${extensions.join(', ')}`,
      );
    }
    this.classes = classes;
    this.classToIdx = Object.fromEntries(classes.map((name, i) => [name, i]));
    this.samples = samples;
    this.targets = samples.map(([, label]) => label);
  }

  /** `samples` under torchvision's other name. */
  get imgs(): readonly (readonly [string, number])[] {
    return this.samples;
  }

  get length(): number {
    return this.samples.length;
  }

  getItem(index: number): [S, L] {
    const [path] = this.samples[index] as readonly [string, number];
    return this.finish(index, readFileSync(path));
  }

  /** Sample `index`, reading the file without blocking. */
  async getAsync(index: number): Promise<[S, L]> {
    const i = normalizeIndex(index, this.length, 'ImageFolder');
    const [path] = this.samples[i] as readonly [string, number];
    return this.finish(i, await readFile(path));
  }

  /** Decodes the file's bytes into an image (RGB by default). */
  decode(bytes: Uint8Array, path: string): RawImage {
    const ext = extname(path).toLowerCase();
    const decoder = this.decoders[ext];
    if (decoder === undefined) {
      throw new Error(
        `${path}: no decoder for ${ext} images (there are decoders for ${Object.keys(this.decoders).join(', ')}): pass one to ImageFolder, e.g. { decoders: { '${ext}': decode } }`,
      );
    }
    let image: RawImage;
    try {
      image = decoder(bytes, path);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `${path}: unreadable image: ${reason.startsWith(path) ? reason.slice(path.length + 2) : reason}`,
        {
          cause: error,
        },
      );
    }
    const convert = this.options.convert === undefined ? 'RGB' : this.options.convert;
    return convert === 'RGB' ? toRGB(image) : convert === 'L' ? toGray(image) : image;
  }

  private finish(index: number, bytes: Uint8Array): [S, L] {
    const [path, label] = this.samples[index] as readonly [string, number];
    const image = this.decode(bytes, path);
    const { transform, targetTransform } = this.options;
    return [
      transform ? transform(image) : (image as S),
      targetTransform ? targetTransform(label) : (label as L),
    ];
  }
}

const lowerKeys = <V>(record: Readonly<Record<string, V>>): Record<string, V> =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [k.toLowerCase(), v]));
