import { Callable } from '@nabla/tensor';
import { centerCrop } from './crop.js';
import type { ImageLike } from './raster.js';
import { pairOf, type SizeArg } from './size-arg.js';

/**
 * Crops the center of an image (a RawImage, or a tensor [..., H, W]) to `size` (a number for a
 * square, or [h, w]), padding with zeros when the image is smaller. Mirrors
 * `torchvision.transforms.CenterCrop`.
 *
 * @example
 * new CenterCrop(224)(image); // 224 x 224 from the middle
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface below types the call by the input
export class CenterCrop extends Callable<[ImageLike], ImageLike> {
  readonly size: [number, number];

  constructor(size: SizeArg) {
    super();
    this.size = pairOf(size, 'CenterCrop');
  }

  forward<T extends ImageLike>(img: T): T {
    return centerCrop(img, this.size);
  }

  override toString(): string {
    return `CenterCrop(size=(${this.size.join(', ')}))`;
  }
}

/** Calling the transform gives back the kind of image it was given (a RawImage or a Tensor). */
export interface CenterCrop {
  // biome-ignore lint/style/useShorthandFunctionType: the interface merges with the class above
  <T extends ImageLike>(img: T): T;
}
