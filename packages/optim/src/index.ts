export {
  Adagrad,
  type AdagradDefaults,
  type AdagradOptions,
  type AdagradState,
  validateAdagradOptions,
} from './adagrad.js';
export { Adam, type AdamState } from './adam.js';
export { AdamW } from './adamw.js';
export { CosineAnnealingLR, type CosineAnnealingLROptions } from './cosine-annealing-lr.js';
export { ExponentialLR, type ExponentialLROptions } from './exponential-lr.js';
export { LambdaLR, type LambdaLROptions, type LrLambda } from './lambda-lr.js';
export { type AnyOptimizer, LRScheduler, type SchedulerStateDict } from './lr-scheduler.js';
export { MultiStepLR, type MultiStepLROptions } from './multi-step-lr.js';
export { OneCycleLR, type OneCycleLROptions } from './one-cycle-lr.js';
export {
  Optimizer,
  type OptimizerGroup,
  type OptimizerParams,
  type OptimizerSpec,
  type OptimizerStateDict,
  type SchedulerKeys,
  type StateValue,
} from './optimizer.js';
export type { AdamDefaults, AdamOptions, SgdDefaults, SgdOptions } from './options.js';
export { validateAdamOptions, validateSgdOptions } from './options.js';
export type { ParamGroup, ParamGroupInit } from './param-groups.js';
export { toParamGroups } from './param-groups.js';
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './reduce-lr-on-plateau.js';
export {
  RMSprop,
  type RmspropDefaults,
  type RmspropOptions,
  type RmspropState,
  validateRmspropOptions,
} from './rmsprop.js';
export { SGD, type SgdState } from './sgd.js';
export { StepLR, type StepLROptions } from './step-lr.js';
