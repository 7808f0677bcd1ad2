import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The first of `names` that exists in one of `dirs` (searched in order), or null. Loaders look
 * for each file both as torchvision lays it out (`<root>/MNIST/raw/...`) and directly in the
 * root (as Debian's dataset packages do), gzipped or not.
 */
export function findFile(dirs: readonly string[], names: readonly string[]): string | null {
  for (const dir of dirs) {
    for (const name of names) {
      const path = join(dir, name);
      if (existsSync(path)) return path;
    }
  }
  return null;
}
