/**
 * The functional neural-network ops, `torch.nn.functional`: each is a composite of tensor ops,
 * so its gradient comes from theirs. `@nabla/layers` wraps them as modules.
 */

export { type GeluOptions, gelu, hardtanh, leakyRelu } from './activations.js';
export { type AdaptiveSize, adaptiveAvgPool2d } from './adaptive-avg-pool2d.js';
export type { IntPair } from './args.js';
export { type AvgPool2dOptions, avgPool2d } from './avg-pool2d.js';
export { type BatchNormOptions, batchNorm } from './batch-norm.js';
export { type Conv2dOptions, conv2d } from './conv2d.js';
export { dropout } from './dropout.js';
export { type EmbeddingOptions, embedding } from './embedding.js';
export { linear } from './linear.js';
export { type MaxPool2dOptions, maxPool2d } from './max-pool2d.js';
