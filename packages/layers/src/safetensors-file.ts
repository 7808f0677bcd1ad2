/**
 * Node helpers for safetensors files. `node:fs` is imported when they are called, not when the
 * package is, so a browser bundle of `@nabla/layers` does not pull in the file system.
 */
import { NablaError, type Tensor } from '@nabla/tensor';
import { loadSafetensors, saveSafetensors } from './safetensors.js';

let tempCounter = 0;

/**
 * Writes tensors (a state dict) to a safetensors file at `path` (Node only). The bytes go to a
 * temporary file beside it first and are then renamed over `path`, so a crash never leaves a
 * half-written file. Mirrors `safetensors.torch.save_file(tensors, path, metadata)`.
 *
 * @example
 * ```ts
 * await saveFile(net.stateDict(), 'cnn.safetensors');
 * ```
 */
export async function saveFile(
  tensors: Record<string, Tensor>,
  path: string,
  metadata?: Record<string, string>,
): Promise<void> {
  const { writeFile, rename, rm } = await import('node:fs/promises');
  const bytes = saveSafetensors(tensors, metadata);
  const temp = `${path}.tmp-${process.pid}-${tempCounter++}`;
  try {
    await writeFile(temp, bytes);
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/**
 * Reads a safetensors file into tensors by name (Node only); a corrupt or truncated file is an
 * error naming the path and what is wrong. Mirrors `safetensors.torch.load_file(path)`.
 *
 * @example
 * ```ts
 * net.loadStateDict(await loadFile('cnn.safetensors'));
 * ```
 */
export async function loadFile(path: string): Promise<Record<string, Tensor>> {
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(path);
  try {
    return loadSafetensors(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    if (e instanceof NablaError) throw new NablaError(`${path}: ${e.message}`);
    throw e;
  }
}
