/** `torch.nn.init`: exported from the package as the `init` namespace. */
export {
  biasUniformBound,
  calculateFanInAndFanOut,
  calculateGain,
  type FanMode,
  kaimingUniformBound,
  type Nonlinearity,
} from './init.js';
export {
  constant_,
  type KaimingOptions,
  kaimingNormal_,
  kaimingUniform_,
  normal_,
  ones_,
  uniform_,
  xavierNormal_,
  xavierUniform_,
  zeros_,
} from './init-fill.js';
