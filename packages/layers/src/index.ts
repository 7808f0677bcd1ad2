/**
 * `@nabla/layers`: PyTorch's `torch.nn` for Nabla. Module, Parameter, the containers, the
 * layers of the course, `nn.init`, `summary`, state dicts and safetensors files.
 */
export { ModuleDict } from './containers/module-dict.js';
export { ModuleList } from './containers/module-list.js';
export { Sequential, type TensorModule } from './containers/sequential.js';
export type { ForwardHook, ForwardPreHook, RemovableHandle } from './hooks.js';
export type { FanMode, Nonlinearity } from './init.js';
export {
  biasUniformBound,
  calculateFanInAndFanOut,
  calculateGain,
  kaimingUniformBound,
} from './init.js';
export * as init from './init-namespace.js';
export { AdaptiveAvgPool2d } from './layers/adaptive-avg-pool2d.js';
export { AvgPool2d, type AvgPool2dLayerOptions } from './layers/avg-pool2d.js';
export { BatchNorm, type BatchNormOptions } from './layers/batch-norm.js';
export { BatchNorm1d } from './layers/batch-norm1d.js';
export { BatchNorm2d } from './layers/batch-norm2d.js';
export { Conv2d, type Conv2dLayerOptions, type PaddingMode } from './layers/conv2d.js';
export { Dropout, type DropoutOptions } from './layers/dropout.js';
export { Embedding, type EmbeddingLayerOptions } from './layers/embedding.js';
export { Flatten } from './layers/flatten.js';
export { GELU, type GELUOptions } from './layers/gelu.js';
export { Identity } from './layers/identity.js';
export { LeakyReLU, type LeakyReLUOptions } from './layers/leaky-relu.js';
export { Linear, type LinearOptions } from './layers/linear.js';
export { LogSoftmax } from './layers/log-softmax.js';
export { MaxPool2d, type MaxPool2dLayerOptions } from './layers/max-pool2d.js';
export { type InplaceOptions, ReLU } from './layers/relu.js';
export { Sigmoid } from './layers/sigmoid.js';
export { Softmax, type SoftmaxOptions } from './layers/softmax.js';
export { Tanh } from './layers/tanh.js';
export { Unflatten } from './layers/unflatten.js';
export { type AnyModule, Module } from './module.js';
export { Parameter } from './parameter.js';
export { loadSafetensors, safetensorsMetadata, saveSafetensors } from './safetensors.js';
export { loadFile, saveFile } from './safetensors-file.js';
export type { LoadStateDictOptions, LoadStateDictResult, StateDict } from './state-dict.js';
export { type LayerRow, ModelSummary, type SummaryOptions, summary } from './summary.js';
