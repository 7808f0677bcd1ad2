import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import type { RawImage } from '../transforms/raw-image.js';

// ImageFolder's default PNG and JPEG decoders, on pngjs and jpeg-js. Node only (pngjs reads
// through Node's zlib and Buffer).

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const reasonOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/**
 * Decodes a PNG file (pngjs) into bytes with the channels of its colour type, as PIL opens it:
 * grayscale 1, grayscale + alpha 2, RGB 3, RGBA 4; a palette image gives RGB (RGBA when its
 * palette has transparency), what PIL's `convert('RGB')` / `convert('RGBA')` give. Bit depths
 * other than 8 are scaled to 0-255, rounded (PIL keeps the high byte of 16-bit colour and
 * clips 16-bit gray to 255: 16-bit PNGs can differ by one level).
 *
 * @throws Error `<path>: not a PNG file (...)`, `<path>: truncated PNG file`,
 *   `<path>: corrupt PNG file: <pngjs's reason>`
 */
export function decodePng(bytes: Uint8Array, path = 'image'): RawImage {
  if (bytes.length < 8 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) {
    throw new Error(`${path}: not a PNG file (it does not start with the PNG signature)`);
  }
  let png: ReturnType<typeof PNG.sync.read> & { transColor?: number[] };
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    const reason = reasonOf(error);
    throw new Error(
      /read requests waitng|unexpected end/i.test(reason)
        ? `${path}: truncated PNG file (the data ends before the image does)`
        : `${path}: corrupt PNG file: ${reason}`,
      { cause: error },
    );
  }
  const { width, height, colorType, depth } = png;
  const rgba = png.data;
  const n = width * height;
  // pngjs turns a tRNS colour key into pixels of 0, 0, 0, 0: give them their colour back (PIL
  // keeps it, and the image has no alpha channel to say they are transparent).
  if (png.transColor !== undefined && (colorType === 0 || colorType === 2)) {
    const scale = (v: number): number =>
      depth === 8 ? v : Math.floor((v * 255) / (2 ** depth - 1) + 0.5);
    const [r, g = r, b = r] = png.transColor.map(scale) as [number, number?, number?];
    for (let k = 0; k < n; k++) {
      if (rgba[4 * k + 3] === 0) {
        rgba[4 * k] = r;
        rgba[4 * k + 1] = g;
        rgba[4 * k + 2] = b;
      }
    }
  }
  const channels =
    colorType === 0 ? 1 : colorType === 4 ? 2 : colorType === 2 ? 3 : colorType === 6 ? 4 : 0;
  const out = channels === 0 ? (png.alpha ? 4 : 3) : channels;
  if (out === 4) return { data: new Uint8Array(rgba), height, width, channels: 4 };
  const data = new Uint8Array(n * out);
  // which RGBA bytes each output channel takes: gray R, gray + alpha R A, RGB R G B
  const take = out === 1 ? [0] : out === 2 ? [0, 3] : [0, 1, 2];
  for (let k = 0; k < n; k++) {
    for (let c = 0; c < out; c++) data[k * out + c] = rgba[4 * k + (take[c] as number)] as number;
  }
  return { data, height, width, channels: out };
}

/**
 * Walks a JPEG file's markers: the frame's number of components (1 gray, 3 YCbCr, 4 CMYK) and
 * whether the file is complete (an end-of-image marker follows the scan), cut short (the bytes
 * end first) or not as expected (a byte where a marker should be).
 */
function jpegLayout(bytes: Uint8Array): {
  components: number;
  state: 'complete' | 'truncated' | 'corrupt';
} {
  let components = 0;
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return { components, state: 'corrupt' };
    const marker = bytes[pos + 1] as number;
    if (marker === 0xff || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos += marker === 0xff ? 1 : 2; // a fill byte, or a marker without a length
      continue;
    }
    const length = ((bytes[pos + 2] as number) << 8) | (bytes[pos + 3] as number);
    // SOF0-15, except DHT (C4), JPG (C8) and DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      components = bytes[pos + 9] ?? 0;
    }
    if (marker === 0xda) {
      // Entropy-coded data holds no 0xFF 0xD9 (0xFF is stuffed as 0xFF 0x00): the file is
      // complete when an end-of-image marker follows.
      for (let i = pos + 2 + length; i + 1 < bytes.length; i++) {
        if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return { components, state: 'complete' };
      }
      return { components, state: 'truncated' };
    }
    pos += 2 + length;
  }
  return { components, state: 'truncated' };
}

/**
 * Decodes a baseline or progressive JPEG file (jpeg-js): grayscale JPEGs give 1 channel, colour
 * ones RGB (3), as PIL opens them (`L`, `RGB`). jpeg-js's IDCT and chroma upsampling are not
 * libjpeg's: pixels can differ from PIL's by a few levels. A file cut short is an error, as in
 * PIL (jpeg-js alone would fill in the missing part).
 *
 * @throws Error `<path>: not a JPEG file (...)`, `<path>: truncated JPEG file ...`,
 *   `<path>: corrupt JPEG file: <jpeg-js's reason>`
 */
export function decodeJpeg(bytes: Uint8Array, path = 'image'): RawImage {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) {
    throw new Error(`${path}: not a JPEG file (it does not start with the JPEG SOI marker)`);
  }
  const { components, state } = jpegLayout(bytes);
  const truncated = `${path}: truncated JPEG file (no end-of-image marker after the image data)`;
  let image: { width: number; height: number; data: Uint8Array };
  try {
    image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false });
  } catch (error) {
    const message =
      state === 'truncated' ? truncated : `${path}: corrupt JPEG file: ${reasonOf(error)}`;
    throw new Error(message, { cause: error });
  }
  if (state === 'truncated') throw new Error(truncated);
  const { width, height, data } = image;
  if (components !== 1) return { data, height, width, channels: 3 };
  const gray = new Uint8Array(width * height);
  for (let k = 0; k < gray.length; k++) gray[k] = data[3 * k] as number;
  return { data: gray, height, width, channels: 1 };
}
