/**
 * The in-place initialisers of `torch.nn.init`: each fills a tensor (a parameter, or a view of
 * one such as a row) under noGrad and returns it. Random ones draw from PyTorch's generator,
 * so after `manualSeed(s)` they give the numbers `torch.manual_seed(s)` gives.
 */
import { noGrad, type RandomOptions, type Tensor } from '@nabla/tensor';
import {
  calculateFanInAndFanOut,
  calculateGain,
  type FanMode,
  kaimingUniformBound,
  type Nonlinearity,
} from './init.js';

/**
 * Fills `t` with `value` (`nn.init.constant_`).
 *
 * @example
 * ```ts
 * constant_(l1.weight, 2.0);
 * constant_(l3.weight.index(0, ':'), 1.0); // one row: l3.weight[0, :]
 * ```
 */
export function constant_<T extends Tensor>(t: T, value: number): T {
  return noGrad(() => t.fill_(value));
}

/** Fills `t` with zeros (`nn.init.zeros_`). */
export const zeros_ = <T extends Tensor>(t: T): T => constant_(t, 0);

/** Fills `t` with ones (`nn.init.ones_`). */
export const ones_ = <T extends Tensor>(t: T): T => constant_(t, 1);

/** Fills `t` from U(a, b) (`nn.init.uniform_(tensor, a=0, b=1)`). */
export function uniform_<T extends Tensor>(t: T, a = 0, b = 1, options?: RandomOptions): T {
  return noGrad(() => t.uniform_(a, b, options));
}

/** Fills `t` from N(mean, std²) (`nn.init.normal_(tensor, mean=0, std=1)`). */
export function normal_<T extends Tensor>(t: T, mean = 0, std = 1, options?: RandomOptions): T {
  return noGrad(() => t.normal_(mean, std, options));
}

/**
 * Glorot uniform: U(-a, a) with `a = gain * sqrt(6 / (fanIn + fanOut))`
 * (`nn.init.xavier_uniform_(tensor, gain=1)`).
 */
export function xavierUniform_<T extends Tensor>(t: T, gain = 1, options?: RandomOptions): T {
  const [fanIn, fanOut] = calculateFanInAndFanOut(t.shape);
  const std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
  const a = Math.sqrt(3.0) * std;
  return uniform_(t, -a, a, options);
}

/** Glorot normal: N(0, std²) with `std = gain * sqrt(2 / (fanIn + fanOut))` (`xavier_normal_`). */
export function xavierNormal_<T extends Tensor>(t: T, gain = 1, options?: RandomOptions): T {
  const [fanIn, fanOut] = calculateFanInAndFanOut(t.shape);
  const std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
  return normal_(t, 0, std, options);
}

/** Options of the kaiming initialisers, PyTorch's keyword arguments. */
export interface KaimingOptions extends RandomOptions {
  /** The negative slope of the leaky ReLU that follows (default 0). */
  a?: number;
  /** `'fan_in'` (default) keeps the forward pass's variance, `'fan_out'` the backward's. */
  mode?: FanMode;
  /** The nonlinearity that follows (default `'leaky_relu'`). */
  nonlinearity?: Nonlinearity;
}

/**
 * He uniform: U(-b, b) with `b = gain * sqrt(3 / fan)`. `Linear` and `Conv2d` initialise their
 * weights with `{ a: Math.sqrt(5) }`. A tensor with no elements is left as is.
 * Mirrors `nn.init.kaiming_uniform_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu')`.
 */
export function kaimingUniform_<T extends Tensor>(t: T, options: KaimingOptions = {}): T {
  if (t.shape.includes(0)) return t;
  const bound = kaimingUniformBound(t.shape, options.a ?? 0, options.mode, options.nonlinearity);
  return uniform_(t, -bound, bound, options);
}

/** He normal: N(0, std²) with `std = gain / sqrt(fan)` (`nn.init.kaiming_normal_`). */
export function kaimingNormal_<T extends Tensor>(t: T, options: KaimingOptions = {}): T {
  if (t.shape.includes(0)) return t;
  const [fanIn, fanOut] = calculateFanInAndFanOut(t.shape);
  const mode = (options.mode ?? 'fan_in').toLowerCase();
  if (mode !== 'fan_in' && mode !== 'fan_out') {
    throw new Error(`Mode ${mode} not supported, please use one of ['fan_in', 'fan_out']`);
  }
  const gain = calculateGain(options.nonlinearity ?? 'leaky_relu', options.a ?? 0);
  const std = gain / Math.sqrt(mode === 'fan_in' ? fanIn : fanOut);
  return normal_(t, 0, std, options);
}
