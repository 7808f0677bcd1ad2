import { contiguousView } from '@nabla/backend';
import { broadcastOrFail, broadcastView, castTo, sameDevice, scalarView, viewOf } from './core.js';
import { fail, fmt } from './errors.js';
import { checkInplace, isGradEnabled } from './grad-mode.js';
import {
  bernoulliFill,
  defaultGenerator,
  type Generator,
  normalFill,
  uniformFill,
} from './random/index.js';
import { Tensor } from './tensor.js';
import type { Scalar, TensorLike } from './types.js';

/** The random-number options of in-place samplers: which generator to draw from. */
export interface RandomOptions {
  generator?: Generator;
}

const CAN_HOLD = {
  float32: ['float32', 'int32', 'bool'],
  int32: ['int32', 'bool'],
  bool: ['bool'],
} as const;

/**
 * Writes an out-of-place result back into `self` (how `add_`, `mul_`, ... work). The result
 * must broadcast to `self`'s shape and its dtype must fit, as PyTorch requires.
 */
export function assignResult<T extends Tensor>(self: T, result: Tensor, op: string): T {
  checkInplace(op, self);
  checkNoOverlap(op, self);
  const shape = broadcastOrFail(op, self.shape, result.shape);
  if (shape.length !== self.ndim || shape.some((s, i) => s !== self.shape[i])) {
    fail(
      op,
      `output with shape ${fmt(self.shape)} doesn't match the broadcast shape ${fmt(shape)}`,
    );
  }
  if (!(CAN_HOLD[self.dtype] as readonly string[]).includes(result.dtype)) {
    fail(op, `result type ${result.dtype} can't be cast to the desired output type ${self.dtype}`);
  }
  self.backend.assign(viewOf(self), broadcastView(castTo(result, self.dtype), self.shape));
  return self;
}

/**
 * What an in-place op reads as `self`: a copy when the other operand's gradient needs the value
 * `self` had before the write (PyTorch saves `original_self` the same way), otherwise `self`.
 */
export function original(self: Tensor, other: TensorLike): Tensor {
  const recorded = other instanceof Tensor && other.requiresGrad && isGradEnabled();
  return recorded ? self.clone() : self;
}

/** `fill_(value)`: every element becomes `value` (a number or a one-element tensor). */
export function fill_<T extends Tensor>(self: T, value: Scalar | Tensor): T {
  checkInplace('fill_', self);
  if (value instanceof Tensor) {
    if (value.ndim !== 0) {
      fail(
        'fill_',
        `only supports 0-dimension value tensor but got tensor with ${value.ndim} dimensions`,
      );
    }
    return copy_(self, value);
  }
  self.backend.assign(viewOf(self), scalarView(self.backend, value, self.dtype, self.shape));
  return self;
}

/** `copy_(src)`: copies `src` (broadcast to this shape, converted to this dtype) into `self`. */
export function copy_<T extends Tensor>(self: T, src: Tensor): T {
  checkInplace('copy_', self);
  checkNoOverlap('copy_', self);
  sameDevice('copy_', [self, src]);
  const shape = broadcastOrFail('copy_', self.shape, src.shape);
  if (shape.length !== self.ndim || shape.some((s, i) => s !== self.shape[i])) {
    fail('copy_', `source of shape ${fmt(src.shape)} cannot be broadcast to ${fmt(self.shape)}`);
  }
  self.backend.assign(viewOf(self), broadcastView(castTo(src, self.dtype), self.shape));
  return self;
}

/** Writes host values, row-major, into `self`. */
function writeHost<T extends Tensor>(self: T, values: Float32Array | Uint8Array, op: string): T {
  checkInplace(op, self);
  const buffer = self.backend.fromValues(values, self.dtype);
  self.backend.assign(viewOf(self), contiguousView(buffer, self.shape));
  return self;
}

/**
 * PyTorch refuses to write into a tensor whose elements share memory (an expanded view), since
 * the result would depend on the order of the writes.
 */
function checkNoOverlap(op: string, self: Tensor): void {
  if (self.shape.some((s, i) => s > 1 && self.strides[i] === 0)) {
    fail(
      op,
      `unsupported operation: more than one element of the written-to tensor (shape ${fmt(self.shape)}, stride ${fmt(self.strides)}) refers to a single memory location; call .clone() before writing`,
    );
  }
}

function floatOnly(op: string, self: Tensor): void {
  if (self.dtype !== 'float32') fail(op, `expected a floating point tensor, got ${self.dtype}`);
}

/** `uniform_(from, to)`: samples from U(from, to) with PyTorch's generator. */
export function uniform_<T extends Tensor>(
  self: T,
  from: number,
  to: number,
  options?: RandomOptions,
): T {
  floatOnly('uniform_', self);
  if (from > to)
    fail('uniform_', `expects to return a [from, to) range, but found from=${from} > to=${to}`);
  const out = new Float32Array(self.numel());
  uniformFill(out, from, to, options?.generator ?? defaultGenerator);
  return writeHost(self, out, 'uniform_');
}

/** `normal_(mean, std)`: samples from N(mean, std^2) with PyTorch's generator. */
export function normal_<T extends Tensor>(
  self: T,
  mean: number,
  std: number,
  options?: RandomOptions,
): T {
  floatOnly('normal_', self);
  if (std < 0) fail('normal_', `expects std >= 0.0, but found std ${std}`);
  const out = new Float32Array(self.numel());
  normalFill(out, mean, std, options?.generator ?? defaultGenerator);
  return writeHost(self, out, 'normal_');
}

/** `bernoulli_(p)`: each element becomes 1 with probability `p`, else 0. */
export function bernoulli_<T extends Tensor>(self: T, p: number, options?: RandomOptions): T {
  if (!(p >= 0 && p <= 1)) fail('bernoulli_', `expects p to be in [0, 1], but got p=${p}`);
  const out = new Float32Array(self.numel());
  bernoulliFill(out, p, options?.generator ?? defaultGenerator);
  return writeHost(self, out, 'bernoulli_');
}
