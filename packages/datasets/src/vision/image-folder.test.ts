import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Tensor } from '@nabla/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataLoader } from '../dataloader.js';
import { useCpu } from '../setup.test.util.js';
import { CenterCrop } from '../transforms/center-crop.js';
import { Compose } from '../transforms/compose.js';
import { Normalize } from '../transforms/normalize.js';
import { Resize } from '../transforms/resize.js';
import { ToTensor } from '../transforms/to-tensor.js';
import { ImageFolder } from './image-folder.js';
import { decodeNetpbm, encodeNetpbm } from './netpbm.js';

beforeAll(useCpu);

const tmp = mkdtempSync(join(tmpdir(), 'nabla-folder-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes a PPM (3 channels) or PGM (1) of the given size filled with `value`. */
function image(path: string, h: number, w: number, channels: 1 | 3, value: number): void {
  mkdirSync(join(path, '..'), { recursive: true });
  const data = new Uint8Array(h * w * channels).fill(value);
  writeFileSync(path, encodeNetpbm({ data, height: h, width: w, channels }));
}

/** root/wolf/{b.ppm, a.pgm, deep/c.ppm, notes.txt}, root/dog/{x.PPM, y.ppm} */
function makeTree(root: string): void {
  image(join(root, 'wolf', 'b.ppm'), 6, 8, 3, 10);
  image(join(root, 'wolf', 'a.pgm'), 6, 8, 1, 20);
  image(join(root, 'wolf', 'deep', 'c.ppm'), 5, 5, 3, 30);
  writeFileSync(join(root, 'wolf', 'notes.txt'), 'not an image');
  image(join(root, 'dog', 'y.ppm'), 10, 4, 3, 40);
  image(join(root, 'dog', 'x.PPM'), 4, 10, 3, 50);
}

describe('ImageFolder', () => {
  it('takes the sorted folder names as classes and walks the files in sorted order', () => {
    const root = join(tmp, 'tree');
    makeTree(root);
    const ds = new ImageFolder(root);
    expect(ds.classes).toEqual(['dog', 'wolf']);
    expect(ds.classToIdx).toEqual({ dog: 0, wolf: 1 });
    expect(ds.samples.map(([p, y]) => [p.slice(root.length + 1), y])).toEqual([
      ['dog/x.PPM', 0],
      ['dog/y.ppm', 0],
      ['wolf/a.pgm', 1],
      ['wolf/b.ppm', 1],
      ['wolf/deep/c.ppm', 1],
    ]);
    expect(ds.targets).toEqual([0, 0, 1, 1, 1]);
    const [gray, label] = ds.get(2);
    // converted to RGB as torchvision's default loader does
    expect([gray.height, gray.width, gray.channels, gray.data[0], gray.data[2], label]).toEqual([
      6, 8, 3, 20, 20, 1,
    ]);
    expect(ds.get(-1)[0].data[0]).toBe(30);
  });

  it('feeds the course transform and a DataLoader, reading files without blocking', async () => {
    const root = join(tmp, 'tree');
    const transform = new Compose([
      new Resize(6),
      new CenterCrop(6),
      new ToTensor(),
      new Normalize(0.5, 0.5),
    ]);
    const ds = new ImageFolder(root, { transform });
    const [x, y] = await ds.getAsync(-1);
    expect(x.shape).toEqual([3, 6, 6]);
    expect(y).toBe(1);
    const seen: number[] = [];
    for await (const [images, labels] of new DataLoader(ds, { batchSize: 2 })) {
      expect((images as Tensor).shape.slice(1)).toEqual([3, 6, 6]);
      seen.push(...(labels.tolist() as number[]));
    }
    expect(seen).toEqual([0, 0, 1, 1, 1]);
    expect([...new DataLoader(ds, { batchSize: 5 })][0]?.[0].shape).toEqual([5, 3, 6, 6]);
  });

  it('reports an unreadable image, a format without decoder, an empty class and no classes', () => {
    const root = join(tmp, 'bad');
    makeTree(root);
    writeFileSync(
      join(root, 'dog', 'z.ppm'),
      new TextEncoder().encode('P6\n4 4\n255\n' + 'x'.repeat(10)),
    );
    const ds = new ImageFolder(root);
    expect(() => ds.get(2)).toThrow(
      `${join(root, 'dog', 'z.ppm')}: unreadable image: truncated: 4 x 4 x 3 needs 48 bytes of pixels, file has 10`,
    );
    writeFileSync(join(root, 'dog', 'photo.bmp'), new Uint8Array([0x42, 0x4d]));
    expect(() => new ImageFolder(root).get(0)).toThrow(
      `${join(root, 'dog', 'photo.bmp')}: no decoder for .bmp images (there are decoders for .png, .jpg, .jpeg, .ppm, .pgm): pass one to ImageFolder`,
    );
    const withDecoder = new ImageFolder(root, {
      decoders: { '.BMP': () => ({ data: new Uint8Array(16).fill(9), height: 2, width: 2 }) },
    });
    expect(withDecoder.get(0)[0].channels).toBe(3); // RGBA from the decoder, dropped to RGB
    mkdirSync(join(root, 'empty', 'sub'), { recursive: true });
    writeFileSync(join(root, 'empty', 'sub', 'readme.txt'), 'x');
    expect(() => new ImageFolder(root)).toThrow(
      `ImageFolder: ${root}: found no valid file for the classes empty; supported extensions are .jpg, .jpeg, .png, .ppm, .bmp, .pgm, .tif, .tiff, .webp`,
    );
    const none = join(tmp, 'none');
    mkdirSync(none);
    expect(() => new ImageFolder(none)).toThrow(
      `ImageFolder: couldn't find any class folder in ${none}`,
    );
  });
});

describe('decodeNetpbm', () => {
  it('reads what encodeNetpbm writes, with comments and small maxvals', () => {
    const data = Uint8Array.from([1, 2, 3, 4, 5, 6]);
    expect(decodeNetpbm(encodeNetpbm({ data, height: 1, width: 2, channels: 3 }))).toEqual({
      data,
      height: 1,
      width: 2,
      channels: 3,
    });
    const text = new TextEncoder().encode('P5 # gray\n2 1\n# max\n15\n');
    const bytes = new Uint8Array([...text, 0, 15]);
    expect(Array.from(decodeNetpbm(bytes).data)).toEqual([0, 255]);
    expect(() => decodeNetpbm(new TextEncoder().encode('GIF89a'), 'x.ppm')).toThrow(
      "x.ppm: not a binary PGM/PPM image (magic 'GI')",
    );
  });
});
