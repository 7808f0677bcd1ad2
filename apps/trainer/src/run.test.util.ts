import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MainOptions, main } from './cli.js';
import { shippedDataDir } from './data-sources.js';

/** What one in-process run of the CLI printed and returned. */
export interface RunResult {
  code: number;
  out: string;
  err: string;
  lines: string[];
}

/** Runs `pnpm start -- <args>` in-process, capturing stdout and stderr lines. */
export async function runCli(args: string[], options: MainOptions = {}): Promise<RunResult> {
  const lines: string[] = [];
  const errors: string[] = [];
  const code = await main(args, {
    out: (l) => lines.push(l),
    err: (l) => errors.push(l),
    ...options,
  });
  return { code, out: lines.join('\n'), err: errors.join('\n'), lines };
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'trainer-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The Fashion-MNIST subset shipped with @nabla/datasets (2,000 + 500 images): quick to read. */
export const fashionSubset = (): string => join(shippedDataDir(), 'fashion-mnist');

/** The numbers of the course's `Epoch [n/N], loss: … acc: … val_loss: …, val_acc: …` lines. */
export function epochRows(out: string): number[][] {
  const re = /Epoch \[(\d+)\/\d+\], loss: (\S+) acc: (\S+) val_loss: (\S+), val_acc: (\S+)/g;
  return [...out.matchAll(re)].map((m) => m.slice(1, 6).map(Number));
}
