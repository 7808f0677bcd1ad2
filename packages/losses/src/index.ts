export type { Reduction } from './reduction.js';
export { legacyReduction, parseReduction, REDUCTIONS } from './reduction.js';
