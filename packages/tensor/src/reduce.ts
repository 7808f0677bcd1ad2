import { type DType, isFloating, type ReduceOp } from '@nabla/backend';
import { castTo, viewOf, wrapLike } from './core.js';
import * as ew from './elementwise.js';
import { fail, fmt, normalizeDim } from './errors.js';
import { named } from './grad-mode.js';
import { Tensor } from './tensor.js';
import type { ReductionResult } from './types.js';

type Dims = number | readonly number[] | null | undefined;

/** Sorted distinct dims in range; all dims when `dim` is null or undefined. */
export function reductionDims(op: string, x: Tensor, dim: Dims): number[] {
  if (dim === null || dim === undefined) return x.shape.map((_, i) => i);
  const list = typeof dim === 'number' ? [dim] : dim;
  const dims = list.map((d) => normalizeDim(op, d, x.ndim));
  if (new Set(dims).size !== dims.length)
    fail(op, `dim ${dims.join(', ')} appears multiple times in the list of dims`);
  return dims.filter((d) => d < x.ndim).sort((a, b) => a - b);
}

/** The shape after reducing `dims`, kept as 1 or dropped. */
function reducedShape(x: Tensor, dims: readonly number[], keepdim: boolean): number[] {
  const out: number[] = [];
  x.shape.forEach((s, i) => {
    if (!dims.includes(i)) out.push(s);
    else if (keepdim) out.push(1);
  });
  return out;
}

/** Runs a backend reduction and shapes the result as PyTorch does. */
function reduceTo(
  op: ReduceOp,
  x: Tensor,
  dims: readonly number[],
  keepdim: boolean,
  dtype: DType,
): Tensor {
  const input = castTo(x, dtype);
  const out = x.backend.reduce(op, viewOf(input), dims);
  return wrapLike(x, out, reducedShape(x, dims, keepdim));
}

/** int and bool sum to int32 (PyTorch's int64); float stays float32. */
const accumulateType = (dtype: DType): DType => (isFloating(dtype) ? dtype : 'int32');

/** `torch.sum(x, dim, keepdim)`. */
export function sum(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  return reduceTo('sum', x, reductionDims('sum', x, dim), keepdim, accumulateType(x.dtype));
}

/** `torch.prod(x, dim, keepdim)`. */
export function prod(x: Tensor, dim?: number | null, keepdim = false): Tensor {
  return reduceTo('prod', x, reductionDims('prod', x, dim), keepdim, accumulateType(x.dtype));
}

/** `torch.any(x, dim, keepdim)`: true where some element is non-zero (bool). */
export function any(x: Tensor, dim?: number | null, keepdim = false): Tensor {
  return ew.gt(sum(ew.ne(x, 0), reductionDims('any', x, dim), keepdim), 0);
}

/** `torch.all(x, dim, keepdim)`: true where every element is non-zero (bool). */
export function all(x: Tensor, dim?: number | null, keepdim = false): Tensor {
  return ew.eq(sum(ew.eq(x, 0), reductionDims('all', x, dim), keepdim), 0);
}

/** `torch.mean(x, dim, keepdim)`; float tensors only, as in PyTorch. */
export function mean(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  if (!isFloating(x.dtype)) {
    fail(
      'mean',
      `could not infer output dtype: input dtype must be floating point, got ${x.dtype}`,
    );
  }
  const dims = reductionDims('mean', x, dim);
  const n = dims.reduce((acc, d) => acc * (x.shape[d] as number), 1);
  const name = dim === null || dim === undefined ? 'MeanBackward0' : 'MeanBackward1';
  return named(x, name, () => ew.div(sum(x, dims, keepdim), n));
}

/** The max / min over `dims`, keeping them (`torch.amax`). */
export function amax(x: Tensor, dims: readonly number[], keepdim = true): Tensor {
  return reduceTo('max', x, dims, keepdim, x.dtype);
}

function extreme(
  op: 'max' | 'min',
  x: Tensor,
  arg: number | Tensor | undefined,
  keepdim = false,
): Tensor | ReductionResult {
  if (arg instanceof Tensor) return op === 'max' ? ew.maximum(x, arg) : ew.minimum(x, arg);
  if (arg === undefined) {
    if (x.numel() === 0) {
      fail(
        op,
        `expected reduction dim to be specified for input.numel() == 0 (shape ${fmt(x.shape)}); specify the reduction dim with the 'dim' argument`,
      );
    }
    return reduceTo(op, x, reductionDims(op, x, null), false, x.dtype);
  }
  const d = normalizeDim(op, arg, x.ndim);
  if (x.ndim > 0 && x.shape[d] === 0) {
    fail(op, `expected reduction dim ${d} to have non-zero size (shape ${fmt(x.shape)})`);
  }
  if (x.ndim === 0) return pair(op, x.clone(), argReduce('argmax', x, arg, keepdim));
  // the values are gathered at the indices, so that their gradient goes to those positions
  const kept = argReduce(op === 'max' ? 'argmax' : 'argmin', x, d, true);
  const values = named(x, op === 'max' ? 'MaxBackward0' : 'MinBackward0', () => x.gather(d, kept));
  return keepdim ? pair(op, values, kept) : pair(op, values.squeeze(d), kept.squeeze(d));
}

/** A `[values, indices]` pair with PyTorch's names and printout (`torch.return_types.max`). */
export function pair(op: string, values: Tensor, indices: Tensor): ReductionResult {
  const repr = (): string =>
    `torch.return_types.${op}(\nvalues=${values.toString()},\nindices=${indices.toString()})`;
  return Object.assign([values, indices] as [Tensor, Tensor], { values, indices, toString: repr });
}

/** `torch.max(x)`, `torch.max(x, dim, keepdim)` (values and indices), `torch.max(x, other)`. */
export function max(x: Tensor): Tensor;
export function max(x: Tensor, dim: number, keepdim?: boolean): ReductionResult;
export function max(x: Tensor, other: Tensor): Tensor;
export function max(x: Tensor, arg?: number | Tensor, keepdim?: boolean): Tensor | ReductionResult;
export function max(x: Tensor, arg?: number | Tensor, keepdim?: boolean): Tensor | ReductionResult {
  return extreme('max', x, arg, keepdim);
}
/** `torch.min`, as {@link max}. */
export function min(x: Tensor): Tensor;
export function min(x: Tensor, dim: number, keepdim?: boolean): ReductionResult;
export function min(x: Tensor, other: Tensor): Tensor;
export function min(x: Tensor, arg?: number | Tensor, keepdim?: boolean): Tensor | ReductionResult;
export function min(x: Tensor, arg?: number | Tensor, keepdim?: boolean): Tensor | ReductionResult {
  return extreme('min', x, arg, keepdim);
}

function argReduce(
  op: 'argmax' | 'argmin',
  x: Tensor,
  dim: number | null | undefined,
  keepdim = false,
): Tensor {
  if (dim === null || dim === undefined) {
    if (x.numel() === 0) fail(op, 'expected reduction dim to be specified for input.numel() == 0');
    const flat = x.reshape(-1);
    const out = x.backend.argReduce(op, viewOf(flat), 0);
    return wrapLike(x, out, keepdim ? x.shape.map(() => 1) : []);
  }
  const d = normalizeDim(op, dim, x.ndim);
  if (x.ndim === 0) return wrapLike(x, x.backend.fromValues([0], 'int32'), []);
  if (x.shape[d] === 0)
    fail(op, `expected reduction dim ${d} to have non-zero size (shape ${fmt(x.shape)})`);
  const out = x.backend.argReduce(op, viewOf(x), d);
  return wrapLike(x, out, reducedShape(x, [d], keepdim));
}

/** `torch.argmax(x, dim, keepdim)`: the first index of the maximum; over all elements when dim is null. */
export const argmax = (x: Tensor, dim?: number | null, keepdim?: boolean) =>
  argReduce('argmax', x, dim, keepdim);
/** `torch.argmin`, as {@link argmax}. */
export const argmin = (x: Tensor, dim?: number | null, keepdim?: boolean) =>
  argReduce('argmin', x, dim, keepdim);

/** Options of `var` / `std`: `correction` (PyTorch 2) or `unbiased`, and `keepdim`. */
export interface VarOptions {
  unbiased?: boolean;
  correction?: number;
  keepdim?: boolean;
}

/** `torch.var(x, dim, unbiased=True, keepdim=False)`; `var(false)` reduces all dims, biased. */
export function variance(
  x: Tensor,
  dim?: Dims | boolean,
  unbiased?: boolean | VarOptions,
  keepdim?: boolean,
): Tensor {
  if (!isFloating(x.dtype)) fail('var', `expected a floating point tensor, got ${x.dtype}`);
  let dims: Dims = dim as Dims;
  let opts: VarOptions = typeof unbiased === 'object' ? unbiased : { unbiased, keepdim };
  if (typeof dim === 'boolean') {
    dims = null;
    opts = { unbiased: dim };
  }
  const correction = opts.correction ?? (opts.unbiased === false ? 0 : 1);
  const rd = reductionDims('var', x, dims);
  const n = rd.reduce((acc, d) => acc * (x.shape[d] as number), 1);
  return named(x, 'VarBackward0', () => {
    const centred = ew.sub(x, mean(x, rd, true));
    const sq = sum(ew.mul(centred, centred), rd, opts.keepdim ?? false);
    return ew.div(sq, Math.max(n - correction, 0));
  });
}

/** `torch.std`: the square root of {@link variance}. */
export function std(
  x: Tensor,
  dim?: Dims | boolean,
  unbiased?: boolean | VarOptions,
  keepdim?: boolean,
): Tensor {
  if (!isFloating(x.dtype)) fail('std', `expected a floating point tensor, got ${x.dtype}`);
  // where the variance is 0 the gradient is 0, not inf * 0 (PyTorch's std_backward masks it)
  return named(x, 'StdBackward0', () => {
    const v = variance(x, dim, unbiased, keepdim);
    const zero = ew.eq(v, 0);
    return ew.where(zero, 0, ew.sqrt(ew.where(zero, 1, v)));
  });
}

/** `torch.logsumexp(x, dim, keepdim)`, computed stably around the maximum. */
export function logsumexp(x: Tensor, dim: number | readonly number[], keepdim = false): Tensor {
  const input = castTo(x, 'float32');
  const dims = reductionDims('logsumexp', input, dim);
  if (input.numel() === 0) return ew.log(sum(ew.exp(input), dims, keepdim));
  return named(input, 'LogsumexpBackward0', () => {
    // the shift is a constant for the gradient; an infinite maximum would give inf - inf = nan,
    // so it shifts by 0 there, as PyTorch does
    const m = amax(input, dims, true).detach();
    const shift = ew.where(ew.eq(ew.abs(m), Number.POSITIVE_INFINITY), 0, m);
    const s = sum(ew.exp(ew.sub(input, shift)), dims, true);
    const out = ew.add(ew.log(s), shift);
    return keepdim ? out : out.reshape(reducedShape(input, dims, false));
  });
}

/** PyTorch's softmax kernels take floating point input only. */
function floatInput(op: string, x: Tensor): Tensor {
  if (!isFloating(x.dtype)) fail(op, `not implemented for ${x.dtype} tensors; call .float() first`);
  return x;
}

/** `torch.softmax(x, dim)`. */
export function softmax(x: Tensor, dim: number): Tensor {
  const input = floatInput('softmax', x);
  const d = normalizeDim('softmax', dim, x.ndim);
  if (input.backend.softmax && input.ndim > 0) {
    return wrapLike(input, input.backend.softmax(viewOf(input), d), input.shape);
  }
  return named(input, 'SoftmaxBackward0', () => {
    const e = ew.exp(ew.sub(input, amax(input, input.ndim ? [d] : []).detach()));
    return ew.div(e, sum(e, input.ndim ? [d] : [], true));
  });
}

/** `torch.log_softmax(x, dim)`. */
export function logSoftmax(x: Tensor, dim: number): Tensor {
  const input = floatInput('logSoftmax', x);
  const d = normalizeDim('logSoftmax', dim, x.ndim);
  if (input.backend.logSoftmax && input.ndim > 0) {
    return wrapLike(input, input.backend.logSoftmax(viewOf(input), d), input.shape);
  }
  return named(input, 'LogSoftmaxBackward0', () => {
    const shifted = ew.sub(input, amax(input, input.ndim ? [d] : []).detach());
    return ew.sub(shifted, ew.log(sum(ew.exp(shifted), input.ndim ? [d] : [], true)));
  });
}
