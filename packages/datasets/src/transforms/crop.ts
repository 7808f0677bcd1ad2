import { Tensor } from '@nabla/tensor';
import { pyRound } from './draws.js';
import { cropRaster, padRaster } from './geometry.js';
import { fromRaster, type ImageLike, sizeOf, toRaster } from './raster.js';

/**
 * The window height x width at (top, left) of an image or a tensor image; zeros where it reaches
 * past the image. Mirrors `torchvision.transforms.functional.crop` (a view for tensors inside).
 */
export function crop<T extends ImageLike>(
  img: T,
  top: number,
  left: number,
  height: number,
  width: number,
): T {
  const [h, w] = sizeOf(img, 'crop');
  if (img instanceof Tensor && top >= 0 && left >= 0 && top + height <= h && left + width <= w) {
    return img.narrow(-2, top, height).narrow(-1, left, width) as T;
  }
  return fromRaster(cropRaster(toRaster(img, 'crop'), top, left, height, width), img);
}

/**
 * The central window [h, w] of an image, padded with zeros first when the image is smaller.
 * Mirrors `torchvision.transforms.functional.center_crop`, rounding as it does (half to even).
 */
export function centerCrop<T extends ImageLike>(img: T, [ch, cw]: readonly [number, number]): T {
  let [h, w] = sizeOf(img, 'CenterCrop');
  let x = img;
  if (cw > w || ch > h) {
    const ltrb = [
      cw > w ? (cw - w) >> 1 : 0,
      ch > h ? (ch - h) >> 1 : 0,
      cw > w ? (cw - w + 1) >> 1 : 0,
      ch > h ? (ch - h + 1) >> 1 : 0,
    ] as const;
    x = fromRaster(padRaster(toRaster(img, 'CenterCrop'), ltrb, 0, 'constant'), img);
    [h, w] = sizeOf(x, 'CenterCrop');
    if (cw === w && ch === h) return x;
  }
  const top = pyRound((h - ch) / 2);
  const left = pyRound((w - cw) / 2);
  return crop(x, top, left, ch, cw);
}
