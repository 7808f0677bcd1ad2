import { contiguousStrides, type DType, numel, type TypedArray } from '@nabla/backend';
import { getBackend, getDefaultDevice } from './device.js';
import { fail } from './errors.js';
import { fmaf } from './random/fma.js';
import {
  defaultGenerator,
  type Generator,
  normalFill,
  randintFill,
  randpermValues,
  uniformFill,
} from './random/index.js';
import { checkSizes, parseShape } from './shape-args.js';
import { Tensor } from './tensor.js';
import type { CreateOptions, NestedArray } from './types.js';

/** Options of the random creation ops. */
export interface RandomCreateOptions extends CreateOptions {
  generator?: Generator;
}

/** Splits `(2, 3, {dtype})` or `([2, 3], {dtype})` into a shape and options. */
function shapeAndOptions<O extends object>(op: string, args: readonly unknown[]): [number[], O] {
  const last = args[args.length - 1];
  const hasOptions = typeof last === 'object' && last !== null && !Array.isArray(last);
  const sizes = (hasOptions ? args.slice(0, -1) : args) as (number | readonly number[])[];
  const shape = parseShape(op, sizes);
  checkSizes(op, shape);
  return [shape, (hasOptions ? last : {}) as O];
}

/** Makes a tensor from host values on the requested device. */
export function fromHost(
  values: ArrayLike<number>,
  shape: readonly number[],
  dtype: DType,
  options: CreateOptions = {},
): Tensor {
  const device = options.device ?? getDefaultDevice();
  const backend = getBackend(device);
  const t = new Tensor(
    device,
    backend,
    backend.fromValues(values, dtype),
    shape,
    contiguousStrides(shape),
    0,
  );
  if (options.requiresGrad) t.requiresGrad_(true);
  return t;
}

function filled(
  op: string,
  args: readonly unknown[],
  value: number,
  dflt: DType = 'float32',
): Tensor {
  const [shape, options] = shapeAndOptions<CreateOptions>(op, args);
  const dtype = options.dtype ?? dflt;
  const device = options.device ?? getDefaultDevice();
  const backend = getBackend(device);
  const n = numel(shape);
  const buffer =
    value === 0
      ? backend.zeros(n, dtype)
      : backend.fromValues(new Float64Array(n).fill(value), dtype);
  const t = new Tensor(device, backend, buffer, shape, contiguousStrides(shape), 0);
  if (options.requiresGrad) t.requiresGrad_(true);
  return t;
}

type SizeArgs = (number | readonly number[] | CreateOptions)[];

/** `torch.zeros(*size)`. */
export const zeros = (...args: SizeArgs): Tensor => filled('zeros', args, 0);
/** `torch.ones(*size)`. */
export const ones = (...args: SizeArgs): Tensor => filled('ones', args, 1);
/** `torch.empty(*size)`: Nabla's empty tensors hold zeros. */
export const empty = (...args: SizeArgs): Tensor => filled('empty', args, 0);

/** `torch.full(size, value)`: the dtype follows the value (bool, int32 or float32) unless given. */
export function full(
  size: readonly number[],
  value: number | boolean,
  options: CreateOptions = {},
): Tensor {
  const dtype =
    options.dtype ??
    (typeof value === 'boolean' ? 'bool' : Number.isInteger(value) ? 'int32' : 'float32');
  return filled('full', [size, { ...options, dtype }], Number(value));
}

const like = (x: Tensor, options: CreateOptions): CreateOptions => ({
  dtype: x.dtype,
  device: x.device,
  ...options,
});
/** `torch.zeros_like(x)`. */
export const zerosLike = (x: Tensor, options: CreateOptions = {}): Tensor =>
  zeros(x.shape, like(x, options));
/** `torch.ones_like(x)`. */
export const onesLike = (x: Tensor, options: CreateOptions = {}): Tensor =>
  ones(x.shape, like(x, options));
/** `torch.full_like(x, value)`. */
export const fullLike = (x: Tensor, value: number | boolean, options: CreateOptions = {}): Tensor =>
  full(x.shape, value, like(x, options));
/** `torch.empty_like(x)`. */
export const emptyLike = (x: Tensor, options: CreateOptions = {}): Tensor => zerosLike(x, options);
/** `torch.rand_like(x)`. */
export const randLike = (x: Tensor, options: RandomCreateOptions = {}): Tensor =>
  rand(x.shape, like(x, options));
/** `torch.randn_like(x)`. */
export const randnLike = (x: Tensor, options: RandomCreateOptions = {}): Tensor =>
  randn(x.shape, like(x, options));

/**
 * `torch.arange(start=0, end, step=1)`: `[start, start + step, ...)` below `end`. Integer
 * arguments give int32 (PyTorch's int64), any fractional one float32.
 */
export function arange(
  startOrEnd: number,
  end?: number | CreateOptions,
  step?: number | CreateOptions,
  options?: CreateOptions,
): Tensor {
  const args = [startOrEnd, end, step, options];
  const opts = (args.find((a) => typeof a === 'object' && a !== null) ?? {}) as CreateOptions;
  const nums = args.filter((a): a is number => typeof a === 'number');
  const [start, stop, by] =
    nums.length === 1
      ? [0, nums[0] as number, 1]
      : [nums[0] as number, nums[1] as number, nums[2] ?? 1];
  if (by === 0) fail('arange', 'step must be nonzero');
  if ((by > 0 && stop < start) || (by < 0 && stop > start)) {
    fail(
      'arange',
      `upper bound and larger bound inconsistent with step sign (start ${start}, end ${stop}, step ${by})`,
    );
  }
  const dtype = opts.dtype ?? (nums.every(Number.isInteger) ? 'int32' : 'float32');
  const n = Math.max(Math.ceil((stop - start) / by), 0);
  const values = Float64Array.from({ length: n }, (_, i) => start + i * by);
  return fromHost(values, [n], dtype, opts);
}

/**
 * `torch.linspace(start, end, steps)`: evenly spaced float32 values, bit for bit as PyTorch's CPU
 * kernel computes them: the first half counts up from `start` and the second half down from
 * `end`, each as one fused multiply-add; runs of 16 values (two AVX2 vectors of 8) start from
 * such a value and add `j * step` to it; the tail is scalar.
 */
export function linspace(
  start: number,
  end: number,
  steps: number,
  options: CreateOptions = {},
): Tensor {
  if (!Number.isInteger(steps) || steps < 0)
    fail('linspace', `number of steps must be non-negative, got ${steps}`);
  const f = Math.fround;
  const values = new Float32Array(steps);
  const [s0, e0] = [f(start), f(end)];
  const step = f(f(e0 - s0) / (steps - 1));
  const half = Math.floor(steps / 2);
  const at = (i: number): number => (i < half ? fmaf(step, i, s0) : fmaf(-step, steps - i - 1, e0));
  let i = 0;
  for (; steps >= 16 && i <= steps - 16; i += 16) {
    for (const b of [i, i + 8]) {
      const base = at(b);
      for (let j = 0; j < 8; j++) values[b + j] = f(base + f(j * step));
    }
  }
  for (; i < steps; i++) values[i] = steps === 1 ? s0 : at(i);
  return fromHost(values, [steps], options.dtype ?? 'float32', options);
}

/** `torch.eye(n, m=n)`: ones on the diagonal. */
export function eye(n: number, m?: number | CreateOptions, options?: CreateOptions): Tensor {
  const cols = typeof m === 'number' ? m : n;
  const opts = (typeof m === 'object' ? m : options) ?? {};
  checkSizes('eye', [n, cols]);
  const values = new Float32Array(n * cols);
  for (let i = 0; i < Math.min(n, cols); i++) values[i * cols + i] = 1;
  return fromHost(values, [n, cols], opts.dtype ?? 'float32', opts);
}

/** `torch.rand(*size)`: uniform on [0, 1), the same numbers as PyTorch after the same seed. */
export function rand(...args: (number | readonly number[] | RandomCreateOptions)[]): Tensor {
  const [shape, options] = shapeAndOptions<RandomCreateOptions>('rand', args);
  const values = new Float32Array(numel(shape));
  uniformFill(values, 0, 1, options.generator ?? defaultGenerator);
  return fromHost(values, shape, options.dtype ?? 'float32', options);
}

/** `torch.randn(*size)`: standard normal, the same numbers as PyTorch after the same seed. */
export function randn(...args: (number | readonly number[] | RandomCreateOptions)[]): Tensor {
  const [shape, options] = shapeAndOptions<RandomCreateOptions>('randn', args);
  const values = new Float32Array(numel(shape));
  normalFill(values, 0, 1, options.generator ?? defaultGenerator);
  return fromHost(values, shape, options.dtype ?? 'float32', options);
}

/** `torch.normal(mean, std, size)`. */
export function normal(
  mean: number,
  std: number,
  size: readonly number[],
  options: RandomCreateOptions = {},
): Tensor {
  if (std < 0) fail('normal', `expects std >= 0.0, but found std ${std}`);
  checkSizes('normal', size);
  const values = new Float32Array(numel(size));
  normalFill(values, mean, std, options.generator ?? defaultGenerator);
  return fromHost(values, size, options.dtype ?? 'float32', options);
}

/**
 * `torch.randint(low=0, high, size)`: integers in [low, high), int32 (PyTorch's int64).
 * Call as `randint(high, size)` or `randint(low, high, size)`.
 */
export function randint(
  a: number,
  b: number | readonly number[],
  c?: readonly number[] | RandomCreateOptions,
  d?: RandomCreateOptions,
): Tensor {
  const [low, high, size, options] = Array.isArray(b)
    ? [0, a, b as readonly number[], (c ?? {}) as RandomCreateOptions]
    : [a, b as number, c as readonly number[], d ?? {}];
  if (!(high > low))
    fail('randint', `expects 'from' to be less than 'to', but got from=${low} >= to=${high}`);
  checkSizes('randint', size);
  const values = new Int32Array(numel(size));
  randintFill(values, low, high, options.generator ?? defaultGenerator);
  return fromHost(values, size, options.dtype ?? 'int32', options);
}

/** `torch.randperm(n)`: a random permutation of 0..n-1, as PyTorch's generator gives it. */
export function randperm(n: number, options: RandomCreateOptions = {}): Tensor {
  if (!Number.isInteger(n) || n < 0) fail('randperm', `n must be non-negative, got ${n}`);
  const values = randpermValues(n, options.generator ?? defaultGenerator);
  return fromHost(values, [n], options.dtype ?? 'int32', options);
}

/** What `tensor()` accepts: nested arrays, a typed array, a number or a boolean. */
export type TensorData = NestedArray | TypedArray | Float64Array | readonly NestedArray[];

/**
 * `torch.tensor(data)`: a new tensor holding a copy of `data`. dtype inference: booleans give
 * bool; integers give int32 (PyTorch's int64); any fraction gives float32. JavaScript cannot tell
 * `1.0` from `1`, so `tensor([1.0, 2.0])` is int32 here: pass `{dtype: 'float32'}` or call
 * `.float()`, as the course does. With `requiresGrad: true` the default is float32.
 */
export function tensor(data: TensorData, options: CreateOptions = {}): Tensor {
  if (ArrayBuffer.isView(data)) {
    const typed = data as TypedArray | Float64Array;
    const dtype =
      options.dtype ??
      (typed instanceof Float32Array || typed instanceof Float64Array ? 'float32' : 'int32');
    return fromHost(typed, [typed.length], dtype, options);
  }
  const shape: number[] = [];
  let probe: unknown = data;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0];
  }
  const flat: (number | boolean)[] = [];
  const walk = (v: unknown, d: number): void => {
    if (d === shape.length) {
      if (typeof v !== 'number' && typeof v !== 'boolean') {
        fail(
          'tensor',
          `could not infer dtype of ${Array.isArray(v) ? 'a nested list' : typeof v} at depth ${d}`,
        );
      }
      flat.push(v);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[d]) {
      fail(
        'tensor',
        `expected sequence of length ${shape[d]} at dim ${d} (got ${Array.isArray(v) ? v.length : 'a scalar'})`,
      );
    }
    for (const e of v) walk(e, d + 1);
  };
  walk(data, 0);
  const inferred: DType =
    flat.length > 0 && flat.every((v) => typeof v === 'boolean')
      ? 'bool'
      : options.requiresGrad || flat.some((v) => typeof v === 'number' && !Number.isInteger(v))
        ? 'float32'
        : 'int32';
  return fromHost(flat.map(Number), shape, options.dtype ?? inferred, options);
}
