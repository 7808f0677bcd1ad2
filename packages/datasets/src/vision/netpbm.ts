import type { RawImage } from '../transforms/raw-image.js';

const isSpace = (b: number): boolean =>
  b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0b || b === 0x0c;

/**
 * Decodes a binary Netpbm image: PGM (`P5`, grayscale) or PPM (`P6`, RGB), 8 bits per value
 * (maxval up to 255; smaller maxvals are scaled to 0-255). Small and dependency-free, it is the
 * format ImageFolder reads without a decoder library, and what the tests write.
 *
 * @throws Error `<path>: not a binary PGM/PPM image (magic 'xx')`, `<path>: truncated: ...`
 */
export function decodeNetpbm(bytes: Uint8Array, path = 'image'): RawImage {
  const magic = String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0);
  if (magic !== 'P5' && magic !== 'P6') {
    throw new Error(
      `${path}: not a binary PGM/PPM image (magic '${magic.replace(/[^\x20-\x7e]/g, '?')}')`,
    );
  }
  let pos = 2;
  const field = (what: string): number => {
    for (;;) {
      while (pos < bytes.length && isSpace(bytes[pos] as number)) pos++;
      if (bytes[pos] !== 0x23) break; // '#' comment to the end of the line
      while (pos < bytes.length && bytes[pos] !== 0x0a) pos++;
    }
    const start = pos;
    while (pos < bytes.length && (bytes[pos] as number) >= 0x30 && (bytes[pos] as number) <= 0x39)
      pos++;
    if (pos === start) throw new Error(`${path}: corrupt header: expected the ${what}`);
    return Number(new TextDecoder().decode(bytes.subarray(start, pos)));
  };
  const width = field('width');
  const height = field('height');
  const maxval = field('maxval');
  if (maxval < 1 || maxval > 255) {
    throw new Error(`${path}: unsupported maxval ${maxval} (only 8-bit images, maxval 1-255)`);
  }
  pos++; // the single whitespace after maxval
  const channels = magic === 'P5' ? 1 : 3;
  const size = width * height * channels;
  if (bytes.length - pos < size) {
    throw new Error(
      `${path}: truncated: ${width} x ${height} x ${channels} needs ${size} bytes of pixels, file has ${Math.max(bytes.length - pos, 0)}`,
    );
  }
  const data = bytes.slice(pos, pos + size);
  if (maxval !== 255)
    for (let i = 0; i < size; i++) data[i] = Math.round(((data[i] as number) * 255) / maxval);
  return { data, height, width, channels };
}

/** Encodes bytes as a binary PGM (1 channel) or PPM (3 channels) file. */
export function encodeNetpbm(image: RawImage): Uint8Array {
  const channels = image.channels ?? 1;
  if (channels !== 1 && channels !== 3)
    throw new RangeError(`encodeNetpbm: 1 or 3 channels, got ${channels}`);
  const header = new TextEncoder().encode(
    `${channels === 1 ? 'P5' : 'P6'}\n${image.width} ${image.height}\n255\n`,
  );
  const out = new Uint8Array(header.length + image.data.length);
  out.set(header);
  out.set(image.data, header.length);
  return out;
}
