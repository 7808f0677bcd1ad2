import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readIdxFile } from './read-idx-file.js';

const dir = mkdtempSync(join(tmpdir(), 'nabla-idx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `bytes` to a file in the test's own folder and returns its path. */
function write(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

// 0x00 0x00 0x08 (uint8) 0x02 (2 dims), 2 x 3, then the values.
const IMAGES = new Uint8Array([0, 0, 8, 2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 64, 128, 192, 255, 1]);
const EXPECTED = { dtype: 'uint8', dims: [2, 3], data: new Uint8Array([0, 64, 128, 192, 255, 1]) };

describe('readIdxFile', () => {
  it('reads a plain IDX file', async () => {
    expect(await readIdxFile(write('images-idx3-ubyte', IMAGES))).toEqual(EXPECTED);
  });

  it('gunzips a gzipped one', async () => {
    const path = write('images-idx3-ubyte.gz', gzipSync(IMAGES));
    expect(await readIdxFile(path)).toEqual(EXPECTED);
  });

  it('names the file when the data inside the gzip is truncated', async () => {
    const path = write('short-idx3-ubyte.gz', gzipSync(IMAGES.subarray(0, 15)));
    await expect(readIdxFile(path)).rejects.toThrow(
      `${path}: truncated: header says 6 bytes of data, file has 3`,
    );
  });

  it('names the file when the gzip stream itself is cut short', async () => {
    const gz = gzipSync(IMAGES);
    const path = write('cut-idx3-ubyte.gz', gz.subarray(0, gz.length - 10));
    await expect(readIdxFile(path)).rejects.toThrow(
      `${path}: corrupt gzip data: unexpected end of file`,
    );
  });

  it('names the file when the magic number is wrong', async () => {
    const path = write('not-idx', new TextEncoder().encode('<html>404</html>'));
    await expect(readIdxFile(path)).rejects.toThrow(`${path}: bad magic: expected 0x00 0x00`);
  });

  it('passes on the error of a missing file, which names it', async () => {
    const path = join(dir, 'missing-idx1-ubyte');
    await expect(readIdxFile(path)).rejects.toThrow(path);
  });

  // Debian's dataset-fashion-mnist package; this test runs only where it is installed.
  const fashion = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';
  const labelsPath = join(fashion, 't10k-labels-idx1-ubyte.gz');
  it.runIf(existsSync(labelsPath))('reads the Fashion-MNIST test labels', async () => {
    const labels = await readIdxFile(labelsPath);
    expect(labels.dtype).toBe('uint8');
    expect(labels.dims).toEqual([10000]);
    // The first 20 labels (9 = ankle boot, 2 = pullover, 1 = trouser, ...), as
    // torchvision.datasets.FashionMNIST(root, train=False).targets[:20] gives them.
    expect(Array.from(labels.data.subarray(0, 20))).toEqual([
      9, 2, 1, 1, 6, 1, 4, 6, 5, 7, 4, 5, 7, 3, 4, 1, 2, 4, 8, 0,
    ]);
    // The test set is balanced: 1000 of each of the 10 classes.
    const counts = new Array<number>(10).fill(0);
    for (const label of labels.data) counts[label] = (counts[label] ?? 0) + 1;
    expect(counts).toEqual(new Array(10).fill(1000));
  });
});
