import {
  type AnyBackend,
  type BufferLike,
  contiguousStrides,
  type DType,
  type Shape,
  type View,
} from '@nabla/backend';
import { fail, fmt } from './errors.js';
import { Tensor } from './tensor.js';
import type { Scalar } from './types.js';

/** The strided view a kernel reads for a tensor. */
export function viewOf(t: Tensor): View<BufferLike> {
  return { buffer: t.buffer, shape: t.shape, strides: t.strides, offset: t.offset };
}

/** Wraps a new contiguous buffer of `shape` as a tensor on `device`. */
export function wrap(
  device: string,
  backend: AnyBackend,
  buffer: BufferLike,
  shape: Shape,
): Tensor {
  return new Tensor(device, backend, buffer, shape, contiguousStrides(shape), 0);
}

/** A tensor that shares `t`'s buffer with other shape / strides / offset (a view). */
export function restride(
  t: Tensor,
  shape: Shape,
  strides: readonly number[],
  offset: number,
): Tensor {
  return new Tensor(t.device, t.backend, t.buffer, shape, strides, offset);
}

/** A result on the same device as `like`. */
export function wrapLike(like: Tensor, buffer: BufferLike, shape: Shape): Tensor {
  return wrap(like.device, like.backend, buffer, shape);
}

/** The dtype a scalar has in PyTorch's promotion: bool, int (integral numbers) or float. */
export function scalarType(s: Scalar): DType {
  if (typeof s === 'boolean') return 'bool';
  return Number.isInteger(s) ? 'int32' : 'float32';
}

/** A view of one value broadcast to `shape` (all strides 0). */
export function scalarView(
  backend: AnyBackend,
  value: Scalar,
  dtype: DType,
  shape: Shape,
): View<BufferLike> {
  const buffer = backend.fromValues([Number(value)], dtype);
  return { buffer, shape, strides: shape.map(() => 0), offset: 0 };
}

/** `t` converted to `dtype` (itself when it already is). */
export function castTo(t: Tensor, dtype: DType): Tensor {
  if (t.dtype === dtype) return t;
  return wrapLike(t, t.backend.cast(viewOf(t), dtype), t.shape);
}

/** A new contiguous copy of `t`'s elements. */
export function copyOf(t: Tensor): Tensor {
  return wrapLike(t, t.backend.cast(viewOf(t), t.dtype), t.shape);
}

/** `t` itself when it is contiguous, otherwise a contiguous copy. */
export function contiguous(t: Tensor): Tensor {
  return t.isContiguous() ? t : copyOf(t);
}

/**
 * The view of `t` broadcast to `shape` (stride 0 on expanded dims); `shape` must be a valid
 * broadcast target, checked by the caller.
 */
export function broadcastView(t: Tensor, shape: Shape): View<BufferLike> {
  const lead = shape.length - t.ndim;
  const strides = shape.map((size, i) => {
    if (i < lead) return 0;
    const own = t.shape[i - lead] as number;
    return own === 1 && size !== 1 ? 0 : (t.strides[i - lead] as number);
  });
  return { buffer: t.buffer, shape, strides, offset: t.offset };
}

/** Throws PyTorch's error unless every tensor is on one device; returns that device's tensor. */
export function sameDevice(op: string, tensors: readonly Tensor[]): void {
  const first = tensors[0];
  if (first === undefined) return;
  for (const t of tensors) {
    if (t.device !== first.device) {
      fail(
        op,
        `expected all tensors to be on the same device, but found at least two devices, ${first.device} and ${t.device}`,
      );
    }
  }
}

/** The shape two shapes broadcast to, or PyTorch's error naming both. */
export function broadcastOrFail(op: string, a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) {
      fail(
        op,
        `the size of tensor a (${x}) must match the size of tensor b (${y}) at non-singleton dimension ${i} (shapes ${fmt(a)} and ${fmt(b)})`,
      );
    }
    out.push(x === 1 ? y : x);
  }
  return out;
}
