import {
  type AnyBackend,
  type BufferLike,
  type DType,
  type GradFn,
  isContiguousView,
  numel,
  type Shape,
  type TypedArray,
} from '@nabla/backend';
import * as bw from './backward.js';
import * as cv from './convert.js';
import * as ew from './elementwise.js';
import { normalizeDim } from './errors.js';
import * as ix from './indexing.js';
import * as ip from './inplace.js';
import * as la from './linalg.js';
import * as mv from './movement.js';
import * as rd from './reduce.js';
import * as tidy from './tidy.js';
import type {
  Index,
  NestedArray,
  ReductionResult,
  Scalar,
  ShapeArgs,
  TensorLike,
} from './types.js';

/**
 * An n-dimensional array on a device, PyTorch's `torch.Tensor`. A tensor is a strided view of a
 * backend buffer: `view`, `transpose`, `expand`, slicing and friends share the buffer; math
 * makes new contiguous buffers. Methods mirror PyTorch's names in camelCase; in-place
 * methods end in `_` as in PyTorch.
 *
 * @example
 * const x = torch.tensor([[1, 2], [3, 4]]);
 * x.add(1).mul(x).sum().item(); // 2 + 6 + 12 + 20 = 40
 */
// biome-ignore format: one line per method keeps the class a readable table of PyTorch's methods
export class Tensor {

  /** @internal Use the creation functions (`tensor`, `zeros`, ...) instead. */
  constructor(
    /** The device name, e.g. 'cpu'. */
    readonly device: string,
    /** @internal */ readonly backend: AnyBackend,
    /** @internal */ readonly buffer: BufferLike,
    /** The size of each dimension (`.shape`). */
    readonly shape: Shape,
    /** Elements to step in the buffer per index of each dimension (`.stride()`). */
    readonly strides: readonly number[],
    /** @internal The position of element [0, 0, ...] in the buffer. */
    readonly offset: number,
  ) {}

  /** The element type (`.dtype`). */
  get dtype(): DType {
    return this.buffer.dtype;
  }
  /** The number of dimensions (`.ndim`, `.dim()`). */
  get ndim(): number {
    return this.shape.length;
  }
  /** The number of dimensions (`.dim()`). */
  dim(): number {
    return this.shape.length;
  }
  /** The number of elements (`.numel()`). */
  numel(): number {
    return numel(this.shape);
  }
  /** The shape (`.size()`), or the size of one dimension (`.size(dim)`). */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    if (dim === undefined) return [...this.shape];
    return this.shape[normalizeDim('size', dim, this.ndim)] as number;
  }
  /** The strides (`.stride()`), or one dimension's. */
  stride(dim?: number): number[] | number {
    if (dim === undefined) return [...this.strides];
    return this.strides[normalizeDim('stride', dim, this.ndim)] as number;
  }
  /** True when the elements are laid out row-major without gaps (`.is_contiguous()`). */
  isContiguous(): boolean {
    return isContiguousView(this.shape, this.strides);
  }
  // --- autograd -----------------------------------------------------------------------------
  /** Whether backward() computes a gradient for this tensor (`requires_grad`). */
  get requiresGrad(): boolean { return bw.requiresGradOf(this); }
  set requiresGrad(flag: boolean) { bw.setRequiresGrad(this, flag); }
  /** Sets `requiresGrad` and returns this (`.requires_grad_()`). */
  requiresGrad_(flag = true): this { bw.setRequiresGrad(this, flag); return this; }
  /** The accumulated gradient of a leaf, or null (`.grad`); assign null to clear it. */
  get grad(): Tensor | null { return bw.gradOf(this); }
  set grad(value: Tensor | null) { bw.setGrad(this, value); }
  /** The node that produced this tensor (`.grad_fn`), or null for a leaf. */
  get gradFn(): GradFn | null { return bw.gradFnOf(this); }
  /** True for tensors not produced by a recorded op (`.is_leaf`). */
  get isLeaf(): boolean { return this.gradFn === null; }
  /** Computes the gradient of this tensor with respect to every leaf (`.backward()`). */
  backward(gradient?: Tensor, options?: bw.BackwardOptions): void { bw.backward(this, gradient, options); }

  // --- elementwise ------------------------------------------------------------------------
  add(other: TensorLike, alpha?: number): Tensor { return ew.add(this, other, alpha); }
  sub(other: TensorLike, alpha?: number): Tensor { return ew.sub(this, other, alpha); }
  mul(other: TensorLike): Tensor { return ew.mul(this, other); }
  div(other: TensorLike): Tensor { return ew.div(this, other); }
  pow(exponent: TensorLike): Tensor { return ew.pow(this, exponent); }
  maximum(other: Tensor): Tensor { return ew.maximum(this, other); }
  minimum(other: Tensor): Tensor { return ew.minimum(this, other); }
  eq(other: TensorLike): Tensor { return ew.eq(this, other); }
  ne(other: TensorLike): Tensor { return ew.ne(this, other); }
  lt(other: TensorLike): Tensor { return ew.lt(this, other); }
  le(other: TensorLike): Tensor { return ew.le(this, other); }
  gt(other: TensorLike): Tensor { return ew.gt(this, other); }
  ge(other: TensorLike): Tensor { return ew.ge(this, other); }
  logicalAnd(other: TensorLike): Tensor { return ew.logicalAnd(this, other); }
  logicalOr(other: TensorLike): Tensor { return ew.logicalOr(this, other); }
  logicalNot(): Tensor { return ew.logicalNot(this); }
  neg(): Tensor { return ew.neg(this); }
  abs(): Tensor { return ew.abs(this); }
  sign(): Tensor { return ew.sign(this); }
  exp(): Tensor { return ew.exp(this); }
  log(): Tensor { return ew.log(this); }
  log1p(): Tensor { return ew.log1p(this); }
  sqrt(): Tensor { return ew.sqrt(this); }
  rsqrt(): Tensor { return ew.rsqrt(this); }
  sin(): Tensor { return ew.sin(this); }
  cos(): Tensor { return ew.cos(this); }
  tanh(): Tensor { return ew.tanh(this); }
  erf(): Tensor { return ew.erf(this); }
  sigmoid(): Tensor { return ew.sigmoid(this); }
  relu(): Tensor { return ew.relu(this); }
  floor(): Tensor { return ew.floor(this); }
  ceil(): Tensor { return ew.ceil(this); }
  round(): Tensor { return ew.round(this); }
  clamp(min?: number | null, max?: number | null): Tensor { return ew.clamp(this, min, max); }
  where(condition: Tensor, other: TensorLike): Tensor { return ew.where(condition, this, other); }

  // --- reductions ---------------------------------------------------------------------------
  sum(dim?: number | readonly number[] | null, keepdim?: boolean): Tensor { return rd.sum(this, dim, keepdim); }
  mean(dim?: number | readonly number[] | null, keepdim?: boolean): Tensor { return rd.mean(this, dim, keepdim); }
  prod(dim?: number | null, keepdim?: boolean): Tensor { return rd.prod(this, dim, keepdim); }
  max(): Tensor;
  max(dim: number, keepdim?: boolean): ReductionResult;
  max(other: Tensor): Tensor;
  max(arg?: number | Tensor, keepdim?: boolean): Tensor | ReductionResult { return rd.max(this, arg, keepdim); }
  min(): Tensor;
  min(dim: number, keepdim?: boolean): ReductionResult;
  min(other: Tensor): Tensor;
  min(arg?: number | Tensor, keepdim?: boolean): Tensor | ReductionResult { return rd.min(this, arg, keepdim); }
  any(dim?: number | null, keepdim?: boolean): Tensor { return rd.any(this, dim, keepdim); }
  all(dim?: number | null, keepdim?: boolean): Tensor { return rd.all(this, dim, keepdim); }
  argmax(dim?: number | null, keepdim?: boolean): Tensor { return rd.argmax(this, dim, keepdim); }
  argmin(dim?: number | null, keepdim?: boolean): Tensor { return rd.argmin(this, dim, keepdim); }
  var(dim?: number | readonly number[] | null | boolean, unbiased?: boolean | rd.VarOptions, keepdim?: boolean): Tensor { return rd.variance(this, dim, unbiased, keepdim); }
  std(dim?: number | readonly number[] | null | boolean, unbiased?: boolean | rd.VarOptions, keepdim?: boolean): Tensor { return rd.std(this, dim, unbiased, keepdim); }
  logsumexp(dim: number | readonly number[], keepdim?: boolean): Tensor { return rd.logsumexp(this, dim, keepdim); }
  softmax(dim: number): Tensor { return rd.softmax(this, dim); }
  logSoftmax(dim: number): Tensor { return rd.logSoftmax(this, dim); }

  // --- linear algebra -----------------------------------------------------------------------
  matmul(other: Tensor): Tensor { return la.matmul(this, other); }
  mm(other: Tensor): Tensor { return la.mm(this, other); }
  bmm(other: Tensor): Tensor { return la.bmm(this, other); }
  outer(other: Tensor): Tensor { return la.outer(this, other); }
  dot(other: Tensor): Tensor { return la.dot(this, other); }

  // --- movement -----------------------------------------------------------------------------
  view(...shape: ShapeArgs): Tensor { return mv.view(this, shape); }
  reshape(...shape: ShapeArgs): Tensor { return mv.reshape(this, shape); }
  viewAs(other: Tensor): Tensor { return mv.view(this, [other.shape]); }
  reshapeAs(other: Tensor): Tensor { return mv.reshape(this, [other.shape]); }
  flatten(startDim?: number, endDim?: number): Tensor { return mv.flatten(this, startDim, endDim); }
  unflatten(dim: number, sizes: readonly number[]): Tensor { return mv.unflatten(this, dim, sizes); }
  squeeze(dim?: number): Tensor { return mv.squeeze(this, dim); }
  unsqueeze(dim: number): Tensor { return mv.unsqueeze(this, dim); }
  permute(...dims: ShapeArgs): Tensor { return mv.permute(this, dims); }
  transpose(dim0: number, dim1: number): Tensor { return mv.transpose(this, dim0, dim1); }
  t(): Tensor { return mv.t(this); }
  expand(...sizes: ShapeArgs): Tensor { return mv.expand(this, sizes); }
  expandAs(other: Tensor): Tensor { return mv.expand(this, [other.shape]); }
  contiguous(): Tensor { return mv.contiguousTensor(this); }
  narrow(dim: number, start: number, length: number): Tensor { return mv.narrow(this, dim, start, length); }
  unfold(dim: number, size: number, step: number): Tensor { return mv.unfold(this, dim, size, step); }
  asStrided(size: readonly number[], stride: readonly number[], offset?: number): Tensor { return mv.asStrided(this, size, stride, offset); }
  split(splitSize: number | readonly number[], dim?: number): Tensor[] { return mv.split(this, splitSize, dim); }
  chunk(chunks: number, dim?: number): Tensor[] { return mv.chunk(this, chunks, dim); }
  flip(...dims: ShapeArgs): Tensor { return mv.flip(this, dims); }
  repeat(...sizes: ShapeArgs): Tensor { return mv.repeat(this, sizes); }

  // --- indexing -----------------------------------------------------------------------------
  /** `t[i, 1:3, [0, 2]]` as `t.index(i, '1:3', [0, 2])`; see {@link Index}. */
  index(...indices: Index[]): Tensor { return ix.index(this, indices); }
  /** `t[indices] = value`, in place (`index_put_`). */
  indexPut_(indices: readonly Index[], value: TensorLike): this { ix.indexPut_(this, indices, value); return this; }
  /** A copy of this tensor with `value` written at `indices` (`index_put`). */
  indexPut(indices: readonly Index[], value: TensorLike): Tensor { return ix.indexPut(this, indices, value); }
  /** `torch.gather`. */
  gather(dim: number, index: Tensor): Tensor { return ix.gather(this, dim, index); }
  /** `index_select`. */
  indexSelect(dim: number, index: Tensor | readonly number[]): Tensor { return ix.indexSelect(this, dim, index); }
  /** `masked_fill`. */
  maskedFill(mask: Tensor, value: Scalar): Tensor { return ew.where(mask, value, this); }

  // --- in place -----------------------------------------------------------------------------
  add_(other: TensorLike, alpha?: number): this { return ip.assignResult(this, ew.add(this, other, alpha), 'add_'); }
  sub_(other: TensorLike, alpha?: number): this { return ip.assignResult(this, ew.sub(this, other, alpha), 'sub_'); }
  mul_(other: TensorLike): this { return ip.assignResult(this, ew.mul(ip.original(this, other), other), 'mul_'); }
  div_(other: TensorLike): this { return ip.assignResult(this, ew.div(ip.original(this, other), other), 'div_'); }
  clamp_(min?: number | null, max?: number | null): this { return ip.assignResult(this, ew.clamp(this, min, max), 'clamp_'); }
  fill_(value: Scalar | Tensor): this { return ip.fill_(this, value); }
  zero_(): this { return ip.fill_(this, 0); }
  copy_(src: Tensor): this { return ip.copy_(this, src); }
  uniform_(from = 0, to = 1, options?: ip.RandomOptions): this { return ip.uniform_(this, from, to, options); }
  normal_(mean = 0, std = 1, options?: ip.RandomOptions): this { return ip.normal_(this, mean, std, options); }
  bernoulli_(p = 0.5, options?: ip.RandomOptions): this { return ip.bernoulli_(this, p, options); }

  // --- conversion ---------------------------------------------------------------------------
  float(): Tensor { return cv.toDtype(this, 'float32'); }
  int(): Tensor { return cv.toDtype(this, 'int32'); }
  /** int32: Nabla's integer type plays the role of PyTorch's int64. */
  long(): Tensor { return cv.toDtype(this, 'int32'); }
  bool(): Tensor { return cv.toDtype(this, 'bool'); }
  /** `.to(dtype)` or `.to(device)`. */
  to(target: DType | string): Tensor { return cv.to(this, target); }
  /** The single value of a one-element tensor (`.item()`). */
  item(): number { return cv.item(this); }
  /** The values as nested arrays (`.tolist()`). */
  tolist(): NestedArray { return cv.tolist(this); }
  /** A copy of the values, row-major, read asynchronously (works on every device). */
  async data(): Promise<TypedArray> { return cv.data(this); }
  /** A copy of the values, row-major (throws where the device cannot read synchronously). */
  dataSync(): TypedArray { return cv.dataSync(this); }
  clone(): Tensor { return cv.clone(this); }
  /** A tensor sharing this one's data that does not require grad (`.detach()`). */
  detach(): Tensor { return cv.detach(this); }
  /** PyTorch's `repr`: `tensor([[1., 2.], [3., 4.]])`. */
  toString(): string { return cv.repr(this); }

  // --- memory -----------------------------------------------------------------------------
  /** Frees the storage now (views share it); a no-op where storage is garbage-collected (CPU). See `tidy`. */
  dispose(): void { tidy.dispose(this); }
}
