import { Callable, defaultGenerator, type Generator } from '@nabla/tensor';
import { crop } from './crop.js';
import { expf, logRatio, pyRound, randintOne, uniformOne } from './draws.js';
import { type ImageLike, sizeOf } from './raster.js';
import { resizeTo } from './resize.js';
import { pairOf, type SizeArg } from './size-arg.js';

/** Options of {@link RandomResizedCrop}. */
export interface RandomResizedCropOptions {
  /** The range of the crop's area, as a fraction of the image's (default [0.08, 1]). */
  scale?: readonly [number, number];
  /** The range of the crop's aspect ratio w / h, drawn log-uniformly (default [3/4, 4/3]). */
  ratio?: readonly [number, number];
  /** Default: the default generator. */
  generator?: Generator;
}

/**
 * Crops a random window of random area and aspect ratio, then resizes it to `size` (bilinear as
 * {@link Resize}). The window is drawn exactly as torchvision's `RandomResizedCrop.get_params`:
 * up to 10 tries of an area (`uniform_(scale)`) and a log-uniform ratio, with `torch.randint`
 * for the position of the first that fits, else a central crop. Mirrors
 * `torchvision.transforms.RandomResizedCrop(size, scale, ratio)`.
 *
 * @example
 * new RandomResizedCrop(224); // the course's chapter 12 augmentation
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface below types the call by the input
export class RandomResizedCrop extends Callable<[ImageLike], ImageLike> {
  readonly size: [number, number];
  readonly scale: readonly [number, number];
  readonly ratio: readonly [number, number];
  readonly generator: Generator;

  constructor(size: SizeArg, options: RandomResizedCropOptions = {}) {
    super();
    this.size = pairOf(size, 'RandomResizedCrop');
    this.scale = options.scale ?? [0.08, 1];
    this.ratio = options.ratio ?? [3 / 4, 4 / 3];
    this.generator = options.generator ?? defaultGenerator;
  }

  /** The window (top, left, height, width) for an image of height x width. Mirrors `get_params`. */
  static getParams(
    [height, width]: readonly [number, number],
    scale: readonly [number, number],
    ratio: readonly [number, number],
    generator: Generator = defaultGenerator,
  ): [number, number, number, number] {
    const area = height * width;
    const [lo, hi] = logRatio(ratio);
    for (let attempt = 0; attempt < 10; attempt++) {
      const targetArea = area * uniformOne(scale[0], scale[1], generator);
      const aspect = expf(uniformOne(lo, hi, generator));
      const w = pyRound(Math.sqrt(targetArea * aspect));
      const h = pyRound(Math.sqrt(targetArea / aspect));
      if (w > 0 && w <= width && h > 0 && h <= height) {
        const i = randintOne(0, height - h + 1, generator);
        const j = randintOne(0, width - w + 1, generator);
        return [i, j, h, w];
      }
    }
    // fall back to a central crop
    const inRatio = width / height;
    const [minRatio, maxRatio] = [Math.min(...ratio), Math.max(...ratio)];
    let w = width;
    let h = height;
    if (inRatio < minRatio) h = pyRound(w / minRatio);
    else if (inRatio > maxRatio) w = pyRound(h * maxRatio);
    return [Math.floor((height - h) / 2), Math.floor((width - w) / 2), h, w];
  }

  forward<T extends ImageLike>(img: T): T {
    const [i, j, h, w] = RandomResizedCrop.getParams(
      sizeOf(img, 'RandomResizedCrop'),
      this.scale,
      this.ratio,
      this.generator,
    );
    const window = crop(img, i, j, h, w);
    const [oh, ow] = this.size;
    return oh === h && ow === w ? window : resizeTo(window, oh, ow);
  }

  override toString(): string {
    return `RandomResizedCrop(size=(${this.size.join(', ')}), scale=(${this.scale.join(', ')}), ratio=(${this.ratio.join(', ')}), interpolation=bilinear)`;
  }
}

/** Calling the transform gives back the kind of image it was given (a RawImage or a Tensor). */
export interface RandomResizedCrop {
  // biome-ignore lint/style/useShorthandFunctionType: the interface merges with the class above
  <T extends ImageLike>(img: T): T;
}
