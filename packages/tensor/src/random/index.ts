export {
  type BernoulliAlgorithm,
  bernoulliFill,
  getBernoulliAlgorithm,
  setBernoulliAlgorithm,
} from './bernoulli.js';
export {
  defaultGenerator,
  getRngState,
  initialSeed,
  manualSeed,
  setRngState,
} from './default-generator.js';
export { DEFAULT_SEED, Generator } from './generator.js';
export { MT19937 } from './mt19937.js';
export { normalFill } from './normal.js';
export { randintFill } from './randint.js';
export { randomInt64 } from './random-int64.js';
export { randpermValues } from './randperm.js';
export { STATE_BYTES } from './rng-state.js';
export { uniformFill } from './uniform.js';
