export { Tensor } from './tensor.js';
export type { CreateOptions, Index, NestedArray, ReductionResult, Scalar, ShapeArgs, Slice, TensorLike } from './types.js';
export { slice } from './slice.js';
export { NablaError } from './errors.js';
export { getBackend, getDefaultDevice, hasDevice, setDefaultDevice, useDevice } from './device.js';
export {
  arange, empty, emptyLike, eye, full, fullLike, linspace, normal, ones, onesLike, rand, randint,
  randLike, randn, randnLike, randperm, tensor, zeros, zerosLike,
  type RandomCreateOptions, type TensorData,
} from './create.js';
export * from './functional.js';
export type { RandomOptions } from './inplace.js';
export { Generator, defaultGenerator, manualSeed, initialSeed } from './random/index.js';
export { formatTensor, getPrintoptions, resetPrintoptions, setPrintoptions, type PrintOptions } from './format/index.js';
