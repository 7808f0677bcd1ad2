import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip, gunzipSync } from 'node:zlib';
import { type IdxArray, parseIdx } from './idx.js';

const gunzipAsync = promisify(gunzip);

/**
 * Reads an IDX file (MNIST, Fashion-MNIST, ...) from disk, gunzipping it first when it starts
 * with the gzip magic number `0x1f 0x8b`, so `train-images-idx3-ubyte` and
 * `train-images-idx3-ubyte.gz` both work. A corrupt or truncated file is an error that names
 * the file and what is wrong. Node only.
 *
 * Mirrors `torchvision.datasets.mnist.read_image_file` / `read_label_file`, which open the
 * files `torchvision.datasets.MNIST(root, download=True)` unpacked; Nabla downloads nothing.
 *
 * @throws Error `<path>: corrupt gzip data: unexpected end of file`, or any error of
 *   {@link parseIdx} with the path in front; the file system's own error when the file
 *   cannot be read.
 *
 * @example
 * ```ts
 * const labels = await readIdxFile('/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz');
 * // { dtype: 'uint8', dims: [10000], data: Uint8Array [9, 2, 1, 1, 6, ...] }
 * ```
 */
export async function readIdxFile(path: string): Promise<IdxArray> {
  let bytes: Uint8Array = await readFile(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = await gunzipAsync(bytes);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`${path}: corrupt gzip data: ${reason}`, { cause: error });
    }
  }
  return parseIdx(bytes, path);
}

/**
 * {@link readIdxFile}, synchronously: for loaders that read their files in a constructor, as
 * `torchvision.datasets.MNIST(root)` does. Node only.
 */
export function readIdxFileSync(path: string): IdxArray {
  let bytes: Uint8Array = readFileSync(path);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`${path}: corrupt gzip data: ${reason}`, { cause: error });
    }
  }
  return parseIdx(bytes, path);
}
