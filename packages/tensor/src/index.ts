export type { GradFn } from '@nabla/backend';
export type { BackwardOptions } from './backward.js';
export { Callable } from './callable.js';
export { valuesToCheck } from './convert.js';
export {
  arange,
  empty,
  emptyLike,
  eye,
  full,
  fullLike,
  linspace,
  normal,
  ones,
  onesLike,
  type RandomCreateOptions,
  rand,
  randint,
  randLike,
  randn,
  randnLike,
  randperm,
  type TensorData,
  tensor,
  zeros,
  zerosLike,
} from './create.js';
export {
  type DeviceOptions,
  getBackend,
  getDefaultDevice,
  hasDevice,
  setDefaultDevice,
  useDevice,
} from './device.js';
export { NablaError } from './errors.js';
export {
  formatTensor,
  getPrintoptions,
  type PrintOptions,
  resetPrintoptions,
  setPrintoptions,
} from './format/index.js';
export * from './functional.js';
export { enableGrad, isGradEnabled, named, noGrad, setGradEnabled } from './grad-mode.js';
export type { RandomOptions } from './inplace.js';
export * from './nn/index.js';
/** float32 fused multiply-add `a * b + c` rounded once, as FMA hardware (and PyTorch's kernels) do. */
export { fmaf } from './random/fma.js';
export {
  type BernoulliAlgorithm,
  bernoulliFill,
  defaultGenerator,
  Generator,
  getBernoulliAlgorithm,
  getRngState,
  initialSeed,
  manualSeed,
  normalFill,
  randintFill,
  randomInt64,
  randpermValues,
  setBernoulliAlgorithm,
  setRngState,
  uniformFill,
} from './random/index.js';
export { slice } from './slice.js';
export { Tensor } from './tensor.js';
export { type DeviceMemory, type DeviceMemoryInfo, dispose, keep, memory, tidy } from './tidy.js';
export type {
  CreateOptions,
  Index,
  NestedArray,
  ReductionResult,
  Scalar,
  ShapeArgs,
  Slice,
  TensorLike,
} from './types.js';
