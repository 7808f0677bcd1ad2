import { contiguousView, DTYPES, type DType, isAutodiff, type TypedArray } from '@nabla/backend';
import { detachOf } from './backward.js';
import { castTo, copyOf, viewOf } from './core.js';
import { getBackend } from './device.js';
import { fail } from './errors.js';
import { formatTensor } from './format/index.js';
import { Tensor } from './tensor.js';
import type { NestedArray } from './types.js';

/** `x.float()`, `x.int()`, `x.bool()`: `x` itself when it already has the dtype. */
export const toDtype = (x: Tensor, dtype: DType): Tensor => castTo(x, dtype);

/** `x.to(dtype)` or `x.to(device)`. */
export function to(x: Tensor, target: DType | string): Tensor {
  if ((DTYPES as readonly string[]).includes(target)) return toDtype(x, target as DType);
  if (target === x.device) return x;
  const backend = getBackend(target);
  // an autodiff device records the copy, so that gradients flow back to the source device
  const buffer = isAutodiff(backend)
    ? backend.transfer(viewOf(x), x.backend)
    : backend.fromValues(dataSync(x), x.dtype);
  return new Tensor(target, backend, buffer, x.shape, contiguousView(buffer, x.shape).strides, 0);
}

/** A private copy of the elements, row-major. */
export function dataSync(x: Tensor): TypedArray {
  const own = x.isContiguous() && x.offset === 0 && x.buffer.size === x.numel();
  // the backend may hand out its live array: copy unless the buffer is a fresh one
  if (own) return x.backend.readSync(x.buffer).slice();
  return x.backend.readSync(x.backend.cast(viewOf(x), x.dtype));
}

/**
 * The elements, for a check of values on the host (class labels or indices in range), or null
 * on a device that reads only asynchronously (WebGPU): such checks are skipped there, as CUDA
 * defers them to the device.
 */
export function valuesToCheck(x: Tensor): TypedArray | null {
  return x.backend.readsAsync === true ? null : dataSync(x);
}

/** A private copy of the elements, read asynchronously (works on every device). */
export async function data(x: Tensor): Promise<TypedArray> {
  const own = x.isContiguous() && x.offset === 0 && x.buffer.size === x.numel();
  if (own) return (await x.backend.read(x.buffer)).slice();
  return x.backend.read(x.backend.cast(viewOf(x), x.dtype));
}

/** `x.item()`: the value of a one-element tensor. */
export function item(x: Tensor): number {
  const n = x.numel();
  if (n !== 1) fail('item', `a tensor with ${n} elements cannot be converted to a number`);
  return dataSync(x)[0] as number;
}

/** `x.tolist()`: nested arrays (booleans for a bool tensor, a number for a 0-d tensor). */
export function tolist(x: Tensor): NestedArray {
  const values = dataSync(x);
  const at = (i: number): number | boolean =>
    x.dtype === 'bool' ? values[i] !== 0 : (values[i] as number);
  if (x.ndim === 0) return at(0);
  let pos = 0;
  const build = (d: number): NestedArray[] => {
    const size = x.shape[d] as number;
    const out: NestedArray[] = [];
    for (let i = 0; i < size; i++) out.push(d === x.ndim - 1 ? at(pos++) : build(d + 1));
    return out;
  };
  return build(0);
}

/** `x.clone()`: a copy with its own buffer. */
export const clone = (x: Tensor): Tensor => copyOf(x);

/** `x.detach()`: the same data, outside the autograd graph. */
export const detach = (x: Tensor): Tensor => detachOf(x);

/** PyTorch's repr of a tensor. */
export function repr(x: Tensor): string {
  const gradFn = x.gradFn;
  return formatTensor(dataSync(x), x.shape, x.dtype, {
    requiresGrad: x.requiresGrad && gradFn === null,
    ...(gradFn === null ? {} : { gradFn: gradFn.name }),
    ...(x.device === 'cpu' ? {} : { device: x.device }),
  });
}
