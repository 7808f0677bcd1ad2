export type { IdxArray, IdxDType } from './idx.js';
export { parseIdx } from './idx.js';
export { readIdxFile } from './read-idx-file.js';
