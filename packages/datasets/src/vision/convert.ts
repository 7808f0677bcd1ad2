import { channelsOf, type RawImage } from '../transforms/raw-image.js';

/**
 * An image as RGB, as PIL's `image.convert('RGB')`: gray is repeated into the three channels,
 * alpha is dropped.
 */
export function toRGB(image: RawImage): RawImage {
  const c = channelsOf(image, 'toRGB');
  if (c === 3) return image;
  const n = image.height * image.width;
  const data = new Uint8Array(n * 3);
  for (let k = 0; k < n; k++) {
    const src = k * c;
    const [r, g, b] = c < 3 ? [src, src, src] : [src, src + 1, src + 2];
    data[3 * k] = image.data[r] as number;
    data[3 * k + 1] = image.data[g] as number;
    data[3 * k + 2] = image.data[b] as number;
  }
  return { data, height: image.height, width: image.width, channels: 3 };
}

/** An image as grayscale, as PIL's `image.convert('L')`: L = (19595 R + 38470 G + 7471 B + 2^15) >> 16. */
export function toGray(image: RawImage): RawImage {
  const c = channelsOf(image, 'toGray');
  if (c === 1) return image;
  const n = image.height * image.width;
  const data = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const s = k * c;
    if (c === 2) {
      data[k] = image.data[s] as number; // gray + alpha
      continue;
    }
    const r = image.data[s] as number;
    const g = image.data[s + 1] as number;
    const b = image.data[s + 2] as number;
    data[k] = (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
  }
  return { data, height: image.height, width: image.width, channels: 1 };
}
