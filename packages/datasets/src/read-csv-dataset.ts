import { readFileSync } from 'node:fs';
import { CsvDataset, type CsvDatasetOptions } from './csv-dataset.js';

/**
 * Reads a CSV file into a {@link CsvDataset} (Node): `[features, target]` samples.
 *
 * @example
 * const boston = readCsvDataset('boston.csv', { target: 'PRICE', targetType: 'number' });
 */
export function readCsvDataset(path: string, options: CsvDatasetOptions = {}): CsvDataset {
  return CsvDataset.fromText(readFileSync(path, 'utf8'), options, path);
}
