import { Callable, defaultGenerator, empty, type Generator, Tensor, tensor } from '@nabla/tensor';
import { expf, logRatio, pyRound, randintOne, randOne, uniformOne } from './draws.js';

/** Options of {@link RandomErasing}, torchvision's defaults. */
export interface RandomErasingOptions {
  /** The probability of erasing (default 0.5). */
  p?: number;
  /** The range of the erased area as a fraction of the image's (default [0.02, 0.33]). */
  scale?: readonly [number, number];
  /** The range of the erased aspect ratio, drawn log-uniformly (default [0.3, 3.3]). */
  ratio?: readonly [number, number];
  /** The erasing value: a number, one per channel, or 'random' (normal noise); default 0. */
  value?: number | readonly number[] | 'random';
  /** Erase in the input tensor itself (default false). */
  inplace?: boolean;
  /** Default: the default generator. */
  generator?: Generator;
}

/** Where to erase and with what: rows i..i+h, columns j..j+w, values [C or 1, h, w] or [C, 1, 1]. */
export interface ErasingParams {
  i: number;
  j: number;
  h: number;
  w: number;
  /** Per-channel values (broadcast over the window), or random values [C, h, w]; null: none. */
  values: Float32Array | null;
  /** True when `values` holds a value per pixel (value 'random'). */
  perPixel: boolean;
}

/**
 * Erases a random rectangle of a tensor image [..., C, H, W] with probability `p`: area and
 * aspect ratio drawn as torchvision's `RandomErasing.get_params` draws them (10 tries; log-uniform
 * ratio; `torch.randint` for the position), so the same seed erases the same rectangles. Works on
 * tensors only: put it after ToTensor (and Normalize). Mirrors
 * `torchvision.transforms.RandomErasing(p, scale, ratio, value, inplace)`.
 *
 * @example
 * new RandomErasing({ p: 0.5, scale: [0.02, 0.33], ratio: [0.3, 3.3], value: 0 }); // the course's
 */
export class RandomErasing extends Callable<[Tensor], Tensor> {
  readonly p: number;
  readonly scale: readonly [number, number];
  readonly ratio: readonly [number, number];
  readonly value: number | readonly number[] | 'random';
  readonly inplace: boolean;
  readonly generator: Generator;

  constructor(options: RandomErasingOptions = {}) {
    super();
    this.p = options.p ?? 0.5;
    this.scale = options.scale ?? [0.02, 0.33];
    this.ratio = options.ratio ?? [0.3, 3.3];
    this.value = options.value ?? 0;
    this.inplace = options.inplace ?? false;
    this.generator = options.generator ?? defaultGenerator;
    if (typeof this.value === 'string' && this.value !== 'random') {
      throw new RangeError(
        `RandomErasing: if value is a string, it should be 'random', got '${this.value}'`,
      );
    }
    if (this.scale[0] < 0 || this.scale[1] > 1) {
      throw new RangeError(
        `RandomErasing: scale should be between 0 and 1, got [${this.scale.join(', ')}]`,
      );
    }
    if (!(this.p >= 0 && this.p <= 1)) {
      throw new RangeError(
        `RandomErasing: random erasing probability should be between 0 and 1, got ${this.p}`,
      );
    }
  }

  /**
   * Draws the rectangle for an image of [C, H, W] (the last three dimensions), or null when 10
   * tries found none that fits (the image is then left as it is). Mirrors `get_params`.
   */
  static getParams(
    [c, imgH, imgW]: readonly [number, number, number],
    scale: readonly [number, number],
    ratio: readonly [number, number],
    value: readonly number[] | null,
    generator: Generator = defaultGenerator,
  ): ErasingParams | null {
    const area = imgH * imgW;
    const [lo, hi] = logRatio(ratio);
    for (let attempt = 0; attempt < 10; attempt++) {
      const eraseArea = area * uniformOne(scale[0], scale[1], generator);
      const aspect = expf(uniformOne(lo, hi, generator));
      const h = pyRound(Math.sqrt(eraseArea * aspect));
      const w = pyRound(Math.sqrt(eraseArea / aspect));
      if (!(h < imgH && w < imgW)) continue;
      const values =
        value === null
          ? (empty([c, h, w]).normal_(0, 1, { generator }).dataSync() as Float32Array)
          : Float32Array.from(value);
      const i = randintOne(0, imgH - h + 1, generator);
      const j = randintOne(0, imgW - w + 1, generator);
      return { i, j, h, w, values, perPixel: value === null };
    }
    return null;
  }

  forward(img: Tensor): Tensor {
    if (!(img instanceof Tensor)) {
      throw new TypeError(
        'RandomErasing: expected a Tensor image [..., C, H, W] (put it after ToTensor)',
      );
    }
    if (img.ndim < 3) {
      throw new RangeError(
        `RandomErasing: expected a tensor image of shape [..., C, H, W], got shape [${img.shape.join(', ')}]`,
      );
    }
    if (!(randOne(this.generator) < Math.fround(this.p))) return img;
    const [c, h, w] = img.shape.slice(-3) as [number, number, number];
    const value =
      this.value === 'random'
        ? null
        : typeof this.value === 'number'
          ? [this.value]
          : [...this.value];
    if (value !== null && value.length !== 1 && value.length !== c) {
      throw new RangeError(
        `RandomErasing: if value is a sequence, it should have either a single value or ${c} (number of input channels)`,
      );
    }
    const params = RandomErasing.getParams(
      [c, h, w],
      this.scale,
      this.ratio,
      value,
      this.generator,
    );
    return params === null ? img : erase(img, params, this.inplace);
  }

  override toString(): string {
    return `RandomErasing(p=${this.p}, scale=(${this.scale.join(', ')}), ratio=(${this.ratio.join(', ')}), value=${JSON.stringify(this.value)}, inplace=${this.inplace})`;
  }
}

/** Writes the values into rows i..i+h, columns j..j+w of every [C, H, W] image of `img`. */
export function erase(
  img: Tensor,
  { i, j, h, w, values, perPixel }: ErasingParams,
  inplace = false,
): Tensor {
  const [c, imgH, imgW] = img.shape.slice(-3) as [number, number, number];
  const data = img.dataSync();
  const images = img.numel() / (c * imgH * imgW);
  if (values !== null) {
    for (let n = 0; n < images; n++) {
      for (let ch = 0; ch < c; ch++) {
        const plane = (n * c + ch) * imgH * imgW;
        for (let y = 0; y < h; y++) {
          for (let x = 0; x < w; x++) {
            const v = perPixel
              ? values[(ch * h + y) * w + x]
              : values[values.length === 1 ? 0 : ch];
            data[plane + (i + y) * imgW + j + x] = v as number;
          }
        }
      }
    }
  }
  const out = tensor(data, { dtype: img.dtype, device: img.device }).reshape(img.shape);
  return inplace ? img.copy_(out) : out;
}
