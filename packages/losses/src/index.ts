export { BCELoss, type BCELossOptions, binaryCrossEntropy } from './binary-cross-entropy.js';
export {
  BCEWithLogitsLoss,
  type BCEWithLogitsLossOptions,
  binaryCrossEntropyWithLogits,
} from './binary-cross-entropy-with-logits.js';
export { CrossEntropyLoss, type CrossEntropyLossOptions, crossEntropy } from './cross-entropy.js';
export { HuberLoss, type HuberLossOptions, huberLoss } from './huber-loss.js';
export { KLDivLoss, type KLDivLossOptions, type KLDivReduction, klDiv } from './kl-div.js';
export { L1Loss, l1Loss } from './l1-loss.js';
export { Loss, type LossOptions } from './loss.js';
export { MSELoss, mseLoss } from './mse-loss.js';
export { NLLLoss, type NLLLossOptions, nllLoss } from './nll-loss.js';
export type { Reduction } from './reduction.js';
export { legacyReduction, parseReduction, REDUCTIONS } from './reduction.js';
export { SmoothL1Loss, type SmoothL1LossOptions, smoothL1Loss } from './smooth-l1-loss.js';
