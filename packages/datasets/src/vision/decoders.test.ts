import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import jpeg from 'jpeg-js';
import { type ColorType, PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataLoader } from '../dataloader.js';
import { useCpu } from '../setup.test.util.js';
import { ToTensor } from '../transforms/to-tensor.js';
import { decodeJpeg, decodePng } from './decoders.js';
import { ImageFolder } from './image-folder.js';

beforeAll(useCpu);

const tmp = mkdtempSync(join(tmpdir(), 'nabla-decoders-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `h * w * c` bytes of a pattern that differs in every channel of every pixel. */
function pattern(h: number, w: number, c: number, seed = 0): Uint8Array {
  return Uint8Array.from({ length: h * w * c }, (_, i) => (i * 37 + seed * 101 + (i >> 3)) & 255);
}

/** A PNG written by pngjs: colour type 0 (gray), 4 (gray + alpha), 2 (RGB) or 6 (RGBA). */
function pngjsFile(data: Uint8Array, h: number, w: number, colorType: ColorType): Buffer {
  const png = new PNG({ width: w, height: h });
  png.data = Buffer.from(data);
  return PNG.sync.write(png, {
    colorType,
    inputColorType: colorType,
    inputHasAlpha: colorType === 4 || colorType === 6,
  });
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Uint8Array): number => {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/**
 * A PNG written chunk by chunk, for what pngjs does not write: palettes, tRNS colour keys, bit
 * depths below 8. `rows` are the packed scanlines (filter type 0 is prepended).
 */
function handPng(
  header: { width: number; height: number; depth: number; colorType: number },
  rows: Uint8Array[],
  extra: [string, Uint8Array][] = [],
): Buffer {
  const chunk = (type: string, body: Uint8Array): Buffer => {
    const out = Buffer.alloc(12 + body.length);
    out.writeUInt32BE(body.length, 0);
    out.write(type, 4, 'latin1');
    out.set(body, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(header.width, 0);
  ihdr.writeUInt32BE(header.height, 4);
  ihdr[8] = header.depth;
  ihdr[9] = header.colorType;
  const raw = Buffer.concat(rows.map((row) => Buffer.concat([Buffer.from([0]), row])));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...extra.map(([type, body]) => chunk(type, body)),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** RGB bytes with each gray value repeated (PIL's `convert('RGB')` of an `L` image). */
const grayToRgb = (gray: Uint8Array): number[] => Array.from(gray).flatMap((v) => [v, v, v]);
/** Every `c`-th group of `keep` bytes (drops alpha). */
const channels = (data: Uint8Array, c: number, keep: number): number[] =>
  Array.from(data).filter((_, i) => i % c < keep);

describe('decodePng', () => {
  it('gives the exact pixels of every colour type pngjs writes, in their own channels', () => {
    const [h, w] = [5, 7];
    for (const [colorType, c] of [
      [0, 1],
      [4, 2],
      [2, 3],
      [6, 4],
    ] as const) {
      const data = pattern(h, w, c, colorType);
      const image = decodePng(pngjsFile(data, h, w, colorType), 'x.png');
      expect([image.height, image.width, image.channels]).toEqual([h, w, c]);
      expect(Array.from(image.data)).toEqual(Array.from(data));
    }
  });

  it('reads 16-bit images scaled to bytes, palettes, tRNS keys and 4-bit gray', () => {
    // 16-bit gray through pngjs: v * 257 reads back as v
    const gray = pattern(3, 4, 1);
    const png = new PNG({ width: 4, height: 3 });
    png.data = Buffer.from(Uint16Array.from(gray, (v) => v * 257).buffer);
    const deep = PNG.sync.write(png, {
      colorType: 0,
      inputColorType: 0,
      inputHasAlpha: false,
      bitDepth: 16,
    });
    expect(Array.from(decodePng(deep).data)).toEqual(Array.from(gray));

    // palette of 3 colours, 2 x 2 indices; with tRNS it gains an alpha channel
    const plte = Uint8Array.from([255, 0, 0, 0, 255, 0, 10, 20, 30]);
    const rows = [Uint8Array.from([0, 1]), Uint8Array.from([2, 0])];
    const header = { width: 2, height: 2, depth: 8, colorType: 3 };
    const palette = decodePng(handPng(header, rows, [['PLTE', plte]]));
    expect(palette.channels).toBe(3);
    expect(Array.from(palette.data)).toEqual([255, 0, 0, 0, 255, 0, 10, 20, 30, 255, 0, 0]);
    const trns = decodePng(
      handPng(header, rows, [
        ['PLTE', plte],
        ['tRNS', Uint8Array.from([0, 128])],
      ]),
    );
    expect(trns.channels).toBe(4);
    expect(Array.from(trns.data)).toEqual([
      255, 0, 0, 0, 0, 255, 0, 128, 10, 20, 30, 255, 255, 0, 0, 0,
    ]);

    // gray with a tRNS colour key: the keyed pixels keep their gray (as PIL's convert('RGB'))
    const keyed = decodePng(
      handPng(
        { width: 3, height: 1, depth: 8, colorType: 0 },
        [Uint8Array.from([7, 50, 7])],
        [['tRNS', Uint8Array.from([0, 7])]],
      ),
    );
    expect([keyed.channels, ...keyed.data]).toEqual([1, 7, 50, 7]);

    // 4-bit gray: 0, 5, 15 scale to 0, 85, 255
    const four = decodePng(
      handPng({ width: 3, height: 1, depth: 4, colorType: 0 }, [Uint8Array.from([0x05, 0xf0])]),
    );
    expect(Array.from(four.data)).toEqual([0, 85, 255]);
  });

  it('names the file and the problem for a corrupt PNG', () => {
    const good = pngjsFile(pattern(4, 4, 3), 4, 4, 2);
    expect(() => decodePng(new TextEncoder().encode('<html>404</html>'), 'a.png')).toThrow(
      'a.png: not a PNG file (it does not start with the PNG signature)',
    );
    expect(() => decodePng(good.subarray(0, good.length - 20), 'b.png')).toThrow(
      'b.png: truncated PNG file',
    );
    const flipped = Buffer.from(good);
    flipped[20] = (flipped[20] as number) ^ 0xff; // inside IHDR: its CRC no longer matches
    expect(() => decodePng(flipped, 'c.png')).toThrow(/^c\.png: corrupt PNG file: /);
  });
});

describe('decodeJpeg', () => {
  it('decodes what jpeg-js writes: RGB, close to the source', () => {
    // a smooth image: JPEG at quality 100 keeps it within a few levels
    const [h, w] = [16, 24];
    const rgba = new Uint8Array(h * w * 4);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        rgba.set([x * 10, y * 15, 128 + x - y, 255], (y * w + x) * 4);
      }
    }
    const file = jpeg.encode({ data: rgba, width: w, height: h }, 100).data;
    const image = decodeJpeg(file, 'x.jpg');
    expect([image.height, image.width, image.channels]).toEqual([h, w, 3]);
    const source = channels(rgba, 4, 3);
    const worst = Math.max(
      ...Array.from(image.data, (v, i) => Math.abs(v - (source[i] as number))),
    );
    expect(worst).toBeLessThanOrEqual(3);
    // flat 8 x 8 blocks carry only their DC term: every decoder gives them back exactly
    const blocks = new Uint8Array(8 * 16 * 4);
    for (let i = 0; i < 8 * 16; i++) {
      blocks.set(i % 16 < 8 ? [64, 64, 64, 255] : [200, 200, 200, 255], 4 * i);
    }
    const flat = decodeJpeg(jpeg.encode({ data: blocks, width: 16, height: 8 }, 90).data);
    expect(Array.from(flat.data)).toEqual(channels(blocks, 4, 3));
  });

  it('names the file and the problem for a corrupt or truncated JPEG', () => {
    const file = jpeg.encode(
      { data: new Uint8Array(8 * 8 * 4).fill(90), width: 8, height: 8 },
      80,
    ).data;
    expect(() => decodeJpeg(new TextEncoder().encode('GIF89a....'), 'a.jpg')).toThrow(
      'a.jpg: not a JPEG file (it does not start with the JPEG SOI marker)',
    );
    for (const cut of [file.length - 2, file.length >> 1, 20]) {
      expect(() => decodeJpeg(file.subarray(0, cut), 'b.jpg')).toThrow(
        'b.jpg: truncated JPEG file (no end-of-image marker after the image data)',
      );
    }
    const bad = Buffer.from(file);
    bad.fill(0, 2, 40); // the first segments zeroed: no marker where one must be
    expect(() => decodeJpeg(bad, 'c.jpg')).toThrow(/^c\.jpg: corrupt JPEG file: /);
  });
});

describe('ImageFolder with the default decoders', () => {
  const root = join(tmp, 'folder');
  const rgb = pattern(6, 5, 3, 1);
  const gray = pattern(6, 5, 1, 2);
  const flatRgba = new Uint8Array(8 * 8 * 4);
  for (let i = 0; i < 64; i++) flatRgba.set([90, 90, 90, 255], 4 * i); // gray: exact in YCbCr

  beforeAll(() => {
    mkdirSync(join(root, 'cat'), { recursive: true });
    mkdirSync(join(root, 'dog'), { recursive: true });
    writeFileSync(join(root, 'cat', 'a.png'), pngjsFile(rgb, 6, 5, 2));
    writeFileSync(join(root, 'cat', 'b.PNG'), pngjsFile(gray, 6, 5, 0));
    writeFileSync(
      join(root, 'dog', 'c.jpg'),
      jpeg.encode({ data: flatRgba, width: 8, height: 8 }, 95).data,
    );
    writeFileSync(join(root, 'dog', 'd.jpeg'), readFileSync(join(root, 'dog', 'c.jpg')));
  });

  it('decodes PNG and JPEG files and converts them to RGB, as torchvision loads them', async () => {
    const ds = new ImageFolder(root);
    expect(ds.samples.map(([p, y]) => [p.slice(root.length + 1), y])).toEqual([
      ['cat/a.png', 0],
      ['cat/b.PNG', 0],
      ['dog/c.jpg', 1],
      ['dog/d.jpeg', 1],
    ]);
    expect(Array.from(ds.get(0)[0].data)).toEqual(Array.from(rgb));
    expect(Array.from(ds.get(1)[0].data)).toEqual(grayToRgb(gray));
    const [jpg, label] = await ds.getAsync(2);
    expect([jpg.height, jpg.width, jpg.channels, label]).toEqual([8, 8, 3, 1]);
    expect(Array.from(jpg.data)).toEqual(channels(flatRgba, 4, 3));
    // as decoded, and as grayscale (PIL's L = (19595 R + 38470 G + 7471 B + 2^15) >> 16)
    expect(new ImageFolder(root, { convert: null }).get(1)[0].channels).toBe(1);
    const l = Array.from({ length: 30 }, (_, k) => {
      const [r, g, b] = [rgb[3 * k], rgb[3 * k + 1], rgb[3 * k + 2]] as [number, number, number];
      return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
    });
    expect(Array.from(new ImageFolder(root, { convert: 'L' }).get(0)[0].data)).toEqual(l);
    // a DataLoader over the decoded files, ToTensor: [N, 3, H, W] / 255
    const loader = new DataLoader(new ImageFolder(join(root), { transform: new ToTensor() }), {
      batchSize: 2,
    });
    const [first] = [...loader];
    expect(first?.[0].shape).toEqual([2, 3, 6, 5]);
    expect(first?.[0].dataSync()[0]).toBeCloseTo((rgb[0] as number) / 255, 6);
  });

  it('says which file is unreadable', () => {
    const bad = join(tmp, 'bad');
    mkdirSync(join(bad, 'x'), { recursive: true });
    writeFileSync(join(bad, 'x', 'broken.png'), pngjsFile(rgb, 6, 5, 2).subarray(0, 50));
    writeFileSync(join(bad, 'x', 'fake.jpg'), '<html>not found</html>');
    const ds = new ImageFolder(bad);
    expect(() => ds.get(0)).toThrow(
      `${join(bad, 'x', 'broken.png')}: unreadable image: truncated PNG file`,
    );
    expect(() => ds.get(1)).toThrow(
      `${join(bad, 'x', 'fake.jpg')}: unreadable image: not a JPEG file`,
    );
  });
});
