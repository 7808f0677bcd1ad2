/**
 * A decoded image as bytes, rows of pixels of interleaved channels (HWC), the form images come
 * in from files and canvases before `ToTensor`: PyTorch's `PIL.Image` / `numpy.ndarray` (H x W x C,
 * uint8). A browser `ImageData` fits it too (4 channels, RGBA).
 */
export interface RawImage {
  /** `height * width * channels` bytes, row-major, channels interleaved. */
  readonly data: Uint8Array | Uint8ClampedArray;
  readonly height: number;
  readonly width: number;
  /** 1 (grayscale), 3 (RGB) or 4 (RGBA); derived from the data's length when absent. */
  readonly channels?: number;
}

/** True for a {@link RawImage} (or anything of its shape, such as a browser ImageData). */
export function isRawImage(x: unknown): x is RawImage {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Partial<RawImage>;
  return (
    (o.data instanceof Uint8Array || o.data instanceof Uint8ClampedArray) &&
    typeof o.height === 'number' &&
    typeof o.width === 'number'
  );
}

/** The number of channels of an image, checked against its data's length. */
export function channelsOf(image: RawImage, op = 'image'): number {
  const { data, height, width } = image;
  const pixels = height * width;
  const c = image.channels ?? (pixels > 0 ? data.length / pixels : 1);
  if (!Number.isInteger(c) || c < 1 || data.length !== pixels * c) {
    throw new RangeError(
      `${op}: an image of ${height} x ${width} x ${image.channels ?? '?'} needs ${pixels * (image.channels ?? 1)}${image.channels === undefined ? ' x channels' : ''} bytes, got ${data.length}`,
    );
  }
  return c;
}

/**
 * Makes a {@link RawImage} from bytes and a shape `[height, width]` (grayscale) or
 * `[height, width, channels]`, checking that they agree.
 *
 * @example
 * const gray = rawImage(new Uint8Array([0, 255, 255, 0]), [2, 2]); // 2 x 2, 1 channel
 */
export function rawImage(
  data: Uint8Array | Uint8ClampedArray,
  shape: readonly [number, number] | readonly [number, number, number],
): RawImage {
  const [height, width, channels = 1] = shape;
  const image = { data, height, width, channels };
  channelsOf(image, 'rawImage');
  return image;
}
