export type { BatchDataset } from './batch-dataset.js';
export { type Collated, defaultCollate } from './collate.js';
export { ConcatDataset } from './concat-dataset.js';
export { type CsvOptions, type CsvTable, parseCsv } from './csv.js';
export { CsvDataset, type CsvDatasetOptions } from './csv-dataset.js';
export { DataLoader, type DataLoaderOptions } from './dataloader.js';
export { type DataSource, Dataset, type DatasetLike } from './dataset.js';
export type { IdxArray, IdxDType } from './idx.js';
export { parseIdx } from './idx.js';
export { randomSplit } from './random-split.js';
export { readCsvDataset } from './read-csv-dataset.js';
export { readIdxFile, readIdxFileSync } from './read-idx-file.js';
export {
  BatchSampler,
  RandomSampler,
  type RandomSamplerOptions,
  type Sampler,
  SequentialSampler,
} from './sampler.js';
export {
  FASHION_MNIST_SYSTEM_DIR,
  type FashionMnistRootOptions,
  fashionMnistRoot,
  type LoadFashionMNISTOptions,
  loadBoston,
  loadFashionMNIST,
  loadIris,
  loadMNIST,
  mnistRoot,
  type ShippedFashionMNIST,
  type ShippedTable,
  shippedDataDir,
  shippedTable,
  shippedTablePath,
} from './shipped-data.js';
export { Subset } from './subset.js';
export { TensorDataset } from './tensor-dataset.js';
export * as transforms from './transforms/index.js';
export { isRawImage, type RawImage, rawImage } from './transforms/raw-image.js';
export * from './vision/index.js';
