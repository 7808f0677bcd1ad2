import { Callable, Tensor, tensor } from '@nabla/tensor';
import type { BatchTransform, ImageBatch } from './batch-transform.js';
import { channelsOf, isRawImage, type RawImage } from './raw-image.js';

/** v / 255 in float32 for every byte: torch divides the float32 image by 255. */
export const SCALE = Float32Array.from({ length: 256 }, (_, v) => v / 255);

/** HWC bytes at `offset` -> CHW floats at `outOffset`, through a table per channel (default v / 255). */
export function hwcToChw(
  src: ArrayLike<number>,
  offset: number,
  out: Float32Array,
  outOffset: number,
  [h, w, c]: readonly [number, number, number],
  luts?: readonly Float32Array[],
): void {
  const plane = h * w;
  for (let ch = 0; ch < c; ch++) {
    const table = luts ? (luts[luts.length === 1 ? 0 : ch] as Float32Array) : SCALE;
    const base = outOffset + ch * plane;
    for (let k = 0; k < plane; k++)
      out[base + k] = table[src[offset + k * c + ch] as number] as number;
  }
}

/**
 * Converts an image of bytes, H x W x C (a RawImage; `channels` 1 for grayscale), to a float32
 * tensor [C, H, W] with values in [0, 1]: each byte divided by 255. A grayscale [H, W] image
 * gives [1, H, W]. Mirrors `torchvision.transforms.ToTensor` on a PIL image or uint8 ndarray.
 *
 * @example
 * new ToTensor()(rawImage(new Uint8Array([0, 255, 51, 102]), [2, 2]));
 * // tensor([[[0.0000, 1.0000], [0.2000, 0.4000]]]), shape [1, 2, 2]
 */
export class ToTensor extends Callable<[RawImage], Tensor> implements BatchTransform {
  readonly batchable = true;

  forward(pic: RawImage): Tensor {
    return this.convert(pic);
  }

  /**
   * forward, with each byte mapped through `luts` (one table of 256 floats per channel) instead
   * of v / 255: Compose fuses ToTensor and Normalize this way.
   */
  convert(pic: RawImage, luts?: readonly Float32Array[]): Tensor {
    if (pic instanceof Tensor || !isRawImage(pic)) {
      throw new TypeError(
        `ToTensor: pic should be a RawImage (bytes, H x W x C), got ${pic instanceof Tensor ? 'a Tensor' : typeof pic}`,
      );
    }
    const c = channelsOf(pic, 'ToTensor');
    const { height: h, width: w } = pic;
    const out = new Float32Array(c * h * w);
    hwcToChw(pic.data, 0, out, 0, [h, w, c], luts);
    // [H, W, C] bytes -> [C, H, W] floats
    return tensor(out).view(c, h, w);
  }

  /** [N, H, W, C] bytes -> [N, C, H, W] floats, as stacking `forward` of each image. */
  forwardBatch(batch: ImageBatch | Tensor, luts?: readonly Float32Array[]): Tensor {
    if (batch instanceof Tensor)
      throw new TypeError('ToTensor: expected a batch of raw images, got a Tensor');
    const { data, count: n, height: h, width: w, channels: c } = batch;
    const size = h * w * c;
    const out = new Float32Array(n * size);
    for (let i = 0; i < n; i++) hwcToChw(data, i * size, out, i * size, [h, w, c], luts);
    return tensor(out).view(n, c, h, w);
  }

  override toString(): string {
    return 'ToTensor()';
  }
}
