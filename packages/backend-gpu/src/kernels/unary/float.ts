import type { UnaryOp } from '@nabla/backend';
import type { KernelSource } from '../../codegen/kernel-source.js';
import { erf } from './erf.js';
import { roundHalfEven } from './round.js';

/**
 * Each unary op on a float value `x` (a local name), as a kernel expression. gpu.js's webasm
 * mode computes `+ - * /`, `sqrt`, `floor`, `ceil`, `abs` natively in float32 and the other
 * `Math` functions in doubles, rounded to float32; its cpu mode computes in doubles.
 */
export const FLOAT_UNARY: Readonly<Record<UnaryOp, (src: KernelSource, x: string) => string>> = {
  neg: (_, x) => `-${x}`,
  abs: (_, x) => `Math.abs(${x})`,
  // torch.sign(nan) is 0
  sign: (_, x) => `${x} > 0 ? 1 : (${x} < 0 ? -1 : 0)`,
  exp: (_, x) => `Math.exp(${x})`,
  log: (_, x) => `Math.log(${x})`,
  log1p: (_, x) => `Math.log1p(${x})`,
  sqrt: (_, x) => `Math.sqrt(${x})`,
  rsqrt: (_, x) => `1 / Math.sqrt(${x})`,
  sin: (_, x) => `Math.sin(${x})`,
  cos: (_, x) => `Math.cos(${x})`,
  tanh: (_, x) => `Math.tanh(${x})`,
  erf,
  sigmoid: (_, x) => `1 / (1 + Math.exp(-${x}))`,
  // NaN passes through; tested explicitly, as Mesa's compilers turn `x < 0 ? 0 : x` into
  // fmax(x, 0), which gives 0 for NaN
  relu: (_, x) => `${x} !== ${x} ? ${x} : (${x} < 0 ? 0 : ${x})`,
  floor: (_, x) => `Math.floor(${x})`,
  ceil: (_, x) => `Math.ceil(${x})`,
  round: roundHalfEven,
  not: (_, x) => `${x} == 0 ? 1 : 0`,
};
