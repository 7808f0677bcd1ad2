import { Callable, defaultGenerator, type Generator, Tensor } from '@nabla/tensor';
import { randOne } from './draws.js';
import { flipRaster } from './geometry.js';
import { fromRaster, type ImageLike, toRaster } from './raster.js';

/** Mirrors an image (or a tensor [..., H, W]) left to right. `torchvision.transforms.functional.hflip`. */
export function hflip<T extends ImageLike>(img: T): T {
  if (img instanceof Tensor) return img.flip(-1) as T;
  return fromRaster(flipRaster(toRaster(img, 'hflip')), img);
}

/**
 * Mirrors an image left to right with probability `p`, drawing `torch.rand(1) < p` as
 * torchvision does, so the same seed flips the same images. Mirrors
 * `torchvision.transforms.RandomHorizontalFlip(p=0.5)`.
 *
 * @example
 * new RandomHorizontalFlip(); // p = 0.5
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface below types the call by the input
export class RandomHorizontalFlip extends Callable<[ImageLike], ImageLike> {
  constructor(
    readonly p = 0.5,
    readonly generator: Generator = defaultGenerator,
  ) {
    super();
    if (!(p >= 0 && p <= 1))
      throw new RangeError(`RandomHorizontalFlip: p must be in [0, 1], got ${p}`);
  }

  forward<T extends ImageLike>(img: T): T {
    // torch.rand(1) < p compares in float32
    return randOne(this.generator) < Math.fround(this.p) ? hflip(img) : img;
  }

  override toString(): string {
    return `RandomHorizontalFlip(p=${this.p})`;
  }
}

/** Calling the transform gives back the kind of image it was given (a RawImage or a Tensor). */
export interface RandomHorizontalFlip {
  // biome-ignore lint/style/useShorthandFunctionType: the interface merges with the class above
  <T extends ImageLike>(img: T): T;
}
