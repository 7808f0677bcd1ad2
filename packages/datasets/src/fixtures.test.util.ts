import { readFileSync } from 'node:fs';

/** Reads `__fixtures__/<name>.json`, written by tools/fixtures/datasets.py. */
export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./__fixtures__/${name}.json`, import.meta.url), 'utf8'));
}

/** One epoch of a DataLoader case: every batch (n <= 100), or a summary of them. */
export type EpochFixture =
  | { batches: number[][] }
  | { count: number; first: number[]; last: number[]; hash: number };

/** `dataloader.json`. */
export interface LoaderFixture {
  loaders: {
    n: number;
    seed: number;
    batchSize: number;
    shuffle: boolean;
    dropLast: boolean;
    generator: boolean;
    length: number;
    epochs: EpochFixture[];
    after: { rand: number[]; generatorRand?: number[] };
  }[];
  splits: {
    n: number;
    lengths: number[];
    seed: number;
    generator: boolean;
    parts: number[][];
    after: number[];
  }[];
  samplers: {
    n: number;
    numSamples: number;
    replacement: boolean;
    seed: number;
    order: number[];
  }[];
}
