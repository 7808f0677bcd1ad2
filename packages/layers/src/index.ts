export type { FanMode, Nonlinearity } from './init.js';
export {
  biasUniformBound,
  calculateFanInAndFanOut,
  calculateGain,
  kaimingUniformBound,
} from './init.js';
