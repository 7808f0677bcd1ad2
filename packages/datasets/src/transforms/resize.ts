import { Callable, Tensor } from '@nabla/tensor';
import { resizeBilinear } from './bilinear.js';
import { fromRaster, type ImageLike, sizeOf, toRaster } from './raster.js';
import { isRawImage } from './raw-image.js';

/** Options of {@link Resize}. */
export interface ResizeOptions {
  /** The longest the longer side may get when `size` is one number (torchvision's max_size). */
  maxSize?: number;
  /** Only 'bilinear'. */
  interpolation?: 'bilinear';
  /** Only false (torchvision's tensor path without antialias, its 0.14 default for tensors). */
  antialias?: false;
}

/**
 * The output [h, w] of resizing an image of h x w to `size`: one number sets the shorter side
 * (the longer keeps the aspect ratio, truncated), [h, w] is exact. Mirrors torchvision's
 * `_compute_resized_output_size`.
 */
export function resizedSize(
  [h, w]: readonly [number, number],
  size: number | readonly [number] | readonly [number, number],
  maxSize?: number,
): [number, number] {
  const sizes = checkedSizes(size, maxSize);
  if (sizes.length === 2) return [sizes[0] as number, sizes[1] as number];
  const requested = sizes[0] as number;
  const [short, long] = w <= h ? [w, h] : [h, w];
  let newShort = requested;
  let newLong = Math.trunc((requested * long) / short);
  if (maxSize !== undefined && newLong > maxSize) {
    newShort = Math.trunc((maxSize * newShort) / newLong);
    newLong = maxSize;
  }
  return w <= h ? [newLong, newShort] : [newShort, newLong];
}

/** The size as a list of 1 or 2 positive integers, checked with maxSize as torchvision does. */
function checkedSizes(
  size: number | readonly [number] | readonly [number, number],
  maxSize: number | undefined,
): number[] {
  const sizes = typeof size === 'number' ? [size] : [...size];
  if (!sizes.every((s) => Number.isInteger(s) && s > 0) || sizes.length < 1 || sizes.length > 2) {
    throw new RangeError(
      `Resize: size must be a positive integer or [h, w], got ${JSON.stringify(size)}`,
    );
  }
  if (maxSize === undefined) return sizes;
  if (sizes.length === 2) {
    throw new RangeError(
      'Resize: maxSize should only be passed if size specifies the length of the smaller edge, i.e. size should be a number',
    );
  }
  if (maxSize <= (sizes[0] as number)) {
    throw new RangeError(
      `Resize: maxSize = ${maxSize} must be strictly greater than the requested size for the smaller edge size (size = ${sizes[0]})`,
    );
  }
  return sizes;
}

/** The channels of one image: C of a tensor [..., C, H, W] (1 for [H, W]), or a RawImage's. */
function channelsOfImage(img: ImageLike): number {
  if (img instanceof Tensor) return img.ndim >= 3 ? (img.shape[img.ndim - 3] as number) : 1;
  return isRawImage(img) ? (img.channels ?? img.data.length / (img.height * img.width)) : 1;
}

/** Resizes an image or a tensor image to [oh, ow] with torchvision's tensor bilinear. */
export function resizeTo<T extends ImageLike>(img: T, oh: number, ow: number): T {
  const r = toRaster(img, 'Resize');
  return fromRaster(resizeBilinear(r, oh, ow, channelsOfImage(img)), img);
}

/**
 * Resizes an image (a RawImage, or a tensor [..., H, W]) to `size`: one number sets the shorter
 * side (`Resize(256)`), [h, w] the exact size. Bilinear as torchvision's tensor path computes it
 * (`interpolate(mode='bilinear', align_corners=False)`, no antialias), value for value; a byte
 * image is resized in float32 and rounded back. torchvision resizes PIL images with PIL's own
 * antialiased filter instead, which gives slightly different pixels.
 * Mirrors `torchvision.transforms.Resize(size, max_size=...)`.
 *
 * @example
 * new Resize(112)(image); // a 32 x 32 image becomes 112 x 112; a 500 x 375 one 149 x 112
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface below types the call by the input
export class Resize extends Callable<[ImageLike], ImageLike> {
  readonly size: number | readonly [number] | readonly [number, number];
  readonly maxSize: number | undefined;

  constructor(
    size: number | readonly [number] | readonly [number, number],
    options: ResizeOptions = {},
  ) {
    super();
    if ((options.antialias as boolean | undefined) === true) {
      throw new RangeError(
        'Resize: antialias=true is not supported; Nabla resizes as torchvision does without it',
      );
    }
    if ((options.interpolation ?? 'bilinear') !== 'bilinear') {
      throw new RangeError(
        `Resize: interpolation '${options.interpolation}' is not supported (only 'bilinear')`,
      );
    }
    checkedSizes(size, options.maxSize);
    this.size = size;
    this.maxSize = options.maxSize;
  }

  forward<T extends ImageLike>(img: T): T {
    const [h, w] = sizeOf(img, 'Resize');
    const [oh, ow] = resizedSize([h, w], this.size, this.maxSize);
    if (oh === h && ow === w) return img;
    return resizeTo(img, oh, ow);
  }

  override toString(): string {
    return `Resize(size=${JSON.stringify(this.size)}, interpolation=bilinear, max_size=${this.maxSize ?? 'None'}, antialias=None)`;
  }
}

/** Calling the transform gives back the kind of image it was given (a RawImage or a Tensor). */
export interface Resize {
  // biome-ignore lint/style/useShorthandFunctionType: the interface merges with the class above
  <T extends ImageLike>(img: T): T;
}
