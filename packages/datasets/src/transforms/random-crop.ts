import { Callable, defaultGenerator, type Generator } from '@nabla/tensor';
import { crop } from './crop.js';
import { randintOne } from './draws.js';
import { type PaddingMode, padRaster } from './geometry.js';
import { fromRaster, type ImageLike, sizeOf, toRaster } from './raster.js';
import { pairOf, type SizeArg } from './size-arg.js';

/** Padding as torchvision takes it: all sides, [left/right, top/bottom] or [left, top, right, bottom]. */
export type PaddingArg =
  | number
  | readonly [number]
  | readonly [number, number]
  | readonly [number, number, number, number];

/** [left, top, right, bottom] from a padding argument. */
export function ltrbOf(padding: PaddingArg, op: string): [number, number, number, number] {
  const p: number[] = typeof padding === 'number' ? [padding] : [...padding];
  const ltrb =
    p.length === 1 ? [p[0], p[0], p[0], p[0]] : p.length === 2 ? [p[0], p[1], p[0], p[1]] : p;
  if (ltrb.length !== 4 || !ltrb.every((v) => Number.isInteger(v) && (v as number) >= 0)) {
    throw new RangeError(
      `${op}: padding must be a non-negative integer or a list of 1, 2 or 4 of them, got ${JSON.stringify(padding)}`,
    );
  }
  return ltrb as [number, number, number, number];
}

/** Pads an image or a tensor image. Mirrors `torchvision.transforms.functional.pad`. */
export function pad<T extends ImageLike>(
  img: T,
  padding: PaddingArg,
  fill: number | readonly number[] = 0,
  mode: PaddingMode = 'constant',
): T {
  const ltrb = ltrbOf(padding, 'pad');
  const r = toRaster(img, 'pad');
  if (
    mode === 'reflect' &&
    (ltrb[0] >= r.w || ltrb[2] >= r.w || ltrb[1] >= r.h || ltrb[3] >= r.h)
  ) {
    throw new RangeError(
      `pad: reflect padding [${ltrb.join(', ')}] must be smaller than the image (${r.h} x ${r.w})`,
    );
  }
  return fromRaster(padRaster(r, ltrb, fill, mode), img);
}

/** Options of {@link RandomCrop}. */
export interface RandomCropOptions {
  /** Padding added before cropping: all sides, [lr, tb] or [l, t, r, b] (default none). */
  padding?: PaddingArg;
  /** Pad an image smaller than the crop up to its size (default false). */
  padIfNeeded?: boolean;
  /** The value of 'constant' padding (default 0), or one per channel. */
  fill?: number | readonly number[];
  /** 'constant' (default), 'edge', 'reflect' or 'symmetric'. */
  paddingMode?: PaddingMode;
  /** Default: the default generator. */
  generator?: Generator;
}

/**
 * Crops a random window of `size` (a number for a square, or [h, w]) out of an image, after
 * optional padding. The window's position is drawn as torchvision's `RandomCrop.get_params`
 * does (`torch.randint` for the row, then the column), so the same seed gives the same crops.
 * Mirrors `torchvision.transforms.RandomCrop(size, padding, pad_if_needed, fill, padding_mode)`.
 *
 * @example
 * new RandomCrop(32, { padding: 4 }); // CIFAR-10 augmentation
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface below types the call by the input
export class RandomCrop extends Callable<[ImageLike], ImageLike> {
  readonly size: [number, number];
  readonly options: RandomCropOptions;

  constructor(size: SizeArg, options: RandomCropOptions = {}) {
    super();
    this.size = pairOf(size, 'RandomCrop');
    if (options.padding !== undefined) ltrbOf(options.padding, 'RandomCrop');
    this.options = options;
  }

  /** The window (top, left, height, width) for an image of h x w. Mirrors `get_params`. */
  static getParams(
    [h, w]: readonly [number, number],
    [th, tw]: readonly [number, number],
    generator: Generator = defaultGenerator,
  ): [number, number, number, number] {
    if (h < th || w < tw) {
      throw new RangeError(
        `RandomCrop: required crop size (${th}, ${tw}) is larger than input image size (${h}, ${w})`,
      );
    }
    if (w === tw && h === th) return [0, 0, h, w];
    const i = randintOne(0, h - th + 1, generator);
    const j = randintOne(0, w - tw + 1, generator);
    return [i, j, th, tw];
  }

  forward<T extends ImageLike>(img: T): T {
    const { padding, padIfNeeded = false, fill = 0, paddingMode = 'constant' } = this.options;
    let x = img;
    if (padding !== undefined) x = pad(x, padding, fill, paddingMode);
    const [th, tw] = this.size;
    let [h, w] = sizeOf(x, 'RandomCrop');
    if (padIfNeeded && w < tw) x = pad(x, [tw - w, 0], fill, paddingMode);
    if (padIfNeeded && h < th) x = pad(x, [0, th - h], fill, paddingMode);
    [h, w] = sizeOf(x, 'RandomCrop');
    const [i, j, ch, cw] = RandomCrop.getParams([h, w], this.size, this.options.generator);
    return crop(x, i, j, ch, cw);
  }

  override toString(): string {
    return `RandomCrop(size=(${this.size.join(', ')}), padding=${JSON.stringify(this.options.padding ?? null)})`;
  }
}

/** Calling the transform gives back the kind of image it was given (a RawImage or a Tensor). */
export interface RandomCrop {
  // biome-ignore lint/style/useShorthandFunctionType: the interface merges with the class above
  <T extends ImageLike>(img: T): T;
}
