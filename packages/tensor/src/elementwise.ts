import {
  type BinaryOp,
  type BufferLike,
  type DType,
  isFloating,
  promoteTypes,
  type UnaryOp,
  type View,
} from '@nabla/backend';
import {
  broadcastOrFail,
  broadcastView,
  castTo,
  sameDevice,
  scalarType,
  scalarView,
  viewOf,
  wrapLike,
} from './core.js';
import { fail } from './errors.js';
import { named } from './grad-mode.js';
import { Tensor } from './tensor.js';
import type { Scalar, TensorLike } from './types.js';

const FLOAT_ONLY: ReadonlySet<UnaryOp> = new Set([
  'exp',
  'log',
  'log1p',
  'sqrt',
  'rsqrt',
  'sin',
  'cos',
  'tanh',
  'erf',
  'sigmoid',
]);

/** An elementwise op of one tensor; int and bool inputs of float functions become float32. */
export function unary(op: UnaryOp, x: Tensor): Tensor {
  if (op === 'neg' && x.dtype === 'bool') {
    fail(
      'neg',
      'negation, the `-` operator, on a bool tensor is not supported; use logicalNot() instead',
    );
  }
  if ((op === 'relu' || op === 'abs') && x.dtype === 'bool')
    fail(op, 'not implemented for bool tensors');
  // integer rounding is the identity; the sign of a bool is the bool itself
  const identity =
    ((op === 'floor' || op === 'ceil' || op === 'round') && !isFloating(x.dtype)) ||
    (op === 'sign' && x.dtype === 'bool');
  if (identity) return wrapLike(x, x.backend.cast(viewOf(x), x.dtype), x.shape);
  const input = FLOAT_ONLY.has(op) && !isFloating(x.dtype) ? castTo(x, 'float32') : x;
  return wrapLike(x, x.backend.unary(op, viewOf(input)), x.shape);
}

/**
 * The dtype of `a op b` under PyTorch's promotion: tensors promote by dtype; a scalar only
 * raises the result to its own category (bool < int < float), as a Python scalar does.
 */
export function resultType(a: TensorLike, b: TensorLike): DType {
  if (a instanceof Tensor && b instanceof Tensor) {
    // a 0-d tensor counts like a scalar unless it is of a higher category
    if (a.ndim === 0 && b.ndim > 0) return categoryPromote(b.dtype, a.dtype);
    if (b.ndim === 0 && a.ndim > 0) return categoryPromote(a.dtype, b.dtype);
    return promoteTypes(a.dtype, b.dtype);
  }
  if (a instanceof Tensor) return categoryPromote(a.dtype, scalarType(b as Scalar));
  if (b instanceof Tensor) return categoryPromote(b.dtype, scalarType(a as Scalar));
  return promoteTypes(scalarType(a), scalarType(b));
}

function categoryPromote(tensorType: DType, otherType: DType): DType {
  return promoteTypes(tensorType, otherType) === tensorType ? tensorType : otherType;
}

/** Broadcasts both sides to one shape and dtype and runs `op`. */
export function binary(
  op: BinaryOp,
  a: TensorLike,
  b: TensorLike,
  name: string = op,
  dtype?: DType,
): Tensor {
  const ref = a instanceof Tensor ? a : b instanceof Tensor ? b : null;
  if (ref === null) fail(name, 'expected at least one tensor argument, got two scalars');
  const type = dtype ?? resultType(a, b);
  if (a instanceof Tensor && b instanceof Tensor) sameDevice(name, [a, b]);
  const shape =
    a instanceof Tensor && b instanceof Tensor
      ? broadcastOrFail(name, a.shape, b.shape)
      : [...ref.shape];
  const side = (v: TensorLike): View<BufferLike> =>
    v instanceof Tensor
      ? broadcastView(castTo(v, type), shape)
      : scalarView(ref.backend, v, type, shape);
  const out = ref.backend.binary(op, side(a), side(b));
  return wrapLike(ref, out, shape);
}

const comparison =
  (op: BinaryOp) =>
  (a: TensorLike, b: TensorLike): Tensor =>
    binary(op, a, b);

/**
 * `torch.add(a, b, alpha=1)`: `a + alpha * b`. With float32 tensors on a backend that has the
 * fused `addScaled`, in one rounding as PyTorch does; otherwise composed (the product rounds to
 * float32 first, which can differ in the last bit).
 */
export function add(a: TensorLike, b: TensorLike, alpha?: number): Tensor {
  if (alpha === undefined || alpha === 1) return binary('add', a, b, 'add');
  return (
    addScaled(a, b, alpha, 'add') ??
    scoped(a, b, 'AddBackward0', () => binary('add', a, mul(b, alpha), 'add'))
  );
}

/** `a + alpha * b` by the backend's fused kernel, or null when it does not apply. */
function addScaled(a: TensorLike, b: TensorLike, alpha: number, name: string): Tensor | null {
  if (!(a instanceof Tensor && b instanceof Tensor)) return null;
  const fused = a.backend.addScaled;
  if (fused === undefined || resultType(a, b) !== 'float32') return null;
  sameDevice(name, [a, b]);
  const shape = broadcastOrFail(name, a.shape, b.shape);
  const side = (v: Tensor) => broadcastView(castTo(v, 'float32'), shape);
  return wrapLike(a, fused.call(a.backend, side(a), side(b), alpha), shape);
}

/** Runs a composite as one named graph node (for display), given the op's arguments. */
function scoped(a: TensorLike, b: TensorLike, name: string, fn: () => Tensor): Tensor {
  const ref = a instanceof Tensor ? a : b instanceof Tensor ? b : null;
  return ref === null ? fn() : named(ref, name, fn);
}
/** `torch.sub(a, b, alpha=1)`: `a - alpha * b`. */
export function sub(a: TensorLike, b: TensorLike, alpha?: number): Tensor {
  if ((a instanceof Tensor && a.dtype === 'bool') || (b instanceof Tensor && b.dtype === 'bool')) {
    fail(
      'sub',
      'subtraction, the `-` operator, with a bool tensor is not supported; use logicalXor() or the `^` operator instead',
    );
  }
  if (alpha === undefined || alpha === 1) return binary('sub', a, b, 'sub');
  return scoped(
    a,
    b,
    'SubBackward0',
    () => addScaled(a, b, -alpha, 'sub') ?? binary('sub', a, mul(b, alpha), 'sub'),
  );
}
/** `torch.mul`. */
export const mul = (a: TensorLike, b: TensorLike): Tensor => binary('mul', a, b);
/** `torch.div` (true division: integers give float32). */
export function div(a: TensorLike, b: TensorLike): Tensor {
  const type = resultType(a, b);
  return binary('div', a, b, 'div', isFloating(type) ? type : 'float32');
}
/** `torch.pow`. */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  const type = resultType(a, b);
  if (!isFloating(type)) {
    const negative = b instanceof Tensor ? anyTrue(lt(b, 0)) : typeof b === 'number' && b < 0;
    if (negative) fail('pow', 'integers to negative integer powers are not allowed');
  }
  return binary('pow', a, b, 'pow', type === 'bool' ? 'int32' : type);
}
/** `torch.maximum` (NaN propagates). */
export const maximum = (a: TensorLike, b: TensorLike): Tensor => binary('maximum', a, b);
/** `torch.minimum` (NaN propagates). */
export const minimum = (a: TensorLike, b: TensorLike): Tensor => binary('minimum', a, b);
export const eq = comparison('eq');
export const ne = comparison('ne');
export const lt = comparison('lt');
export const le = comparison('le');
export const gt = comparison('gt');
export const ge = comparison('ge');
/** `torch.logical_and`: true where both are non-zero. */
export const logicalAnd = (a: TensorLike, b: TensorLike): Tensor =>
  binary('and', a, b, 'logicalAnd', 'bool');
/** `torch.logical_or`. */
export const logicalOr = (a: TensorLike, b: TensorLike): Tensor =>
  binary('or', a, b, 'logicalOr', 'bool');
/** `torch.logical_not`. */
export const logicalNot = (x: Tensor): Tensor => unary('not', x);

export const neg = (x: Tensor): Tensor => unary('neg', x);
export const abs = (x: Tensor): Tensor => unary('abs', x);
export const sign = (x: Tensor): Tensor => unary('sign', x);
export const exp = (x: Tensor): Tensor => unary('exp', x);
export const log = (x: Tensor): Tensor => unary('log', x);
export const log1p = (x: Tensor): Tensor => unary('log1p', x);
export const sqrt = (x: Tensor): Tensor => unary('sqrt', x);
export const rsqrt = (x: Tensor): Tensor => unary('rsqrt', x);
export const sin = (x: Tensor): Tensor => unary('sin', x);
export const cos = (x: Tensor): Tensor => unary('cos', x);
export const tanh = (x: Tensor): Tensor => unary('tanh', x);
/** `torch.erf`: the error function. */
export const erf = (x: Tensor): Tensor => unary('erf', x);
export const sigmoid = (x: Tensor): Tensor => unary('sigmoid', x);
export const relu = (x: Tensor): Tensor => unary('relu', x);
export const floor = (x: Tensor): Tensor => unary('floor', x);
export const ceil = (x: Tensor): Tensor => unary('ceil', x);
export const round = (x: Tensor): Tensor => unary('round', x);

/** `torch.clamp(x, min, max)`; either bound may be null. */
export function clamp(x: Tensor, min?: number | null, max?: number | null): Tensor {
  const noMin = min === undefined || min === null;
  const noMax = max === undefined || max === null;
  if (noMin && noMax) fail('clamp', "at least one of 'min' or 'max' must not be None");
  // where(), not maximum / minimum: at a bound the gradient passes whole, as in PyTorch
  // (maximum would split it between the tied arguments); NaN stays NaN; min > max gives max
  return named(x, 'ClampBackward1', () => {
    const type = resultType(x, noMin ? (max as number) : min);
    let y = castTo(x, type);
    if (!noMin) y = where(lt(y, min), min, y);
    if (!noMax) y = where(gt(y, max), max, y);
    return y === x ? x.clone() : y;
  });
}

/** `torch.where(condition, a, b)`: `a` where the condition holds, else `b`. */
export function where(condition: Tensor, a: TensorLike, b: TensorLike): Tensor {
  if (condition.dtype !== 'bool') {
    fail('where', `expected condition to be a bool tensor, got ${condition.dtype}`);
  }
  const tensors = [condition, a, b].filter((v): v is Tensor => v instanceof Tensor);
  sameDevice('where', tensors);
  let shape: number[] = [...condition.shape];
  for (const t of tensors) shape = broadcastOrFail('where', shape, t.shape);
  const type = resultType(a, b);
  const side = (v: TensorLike): View<BufferLike> =>
    v instanceof Tensor
      ? broadcastView(castTo(v, type), shape)
      : scalarView(condition.backend, v, type, shape);
  const out = condition.backend.where(broadcastView(condition, shape), side(a), side(b));
  return wrapLike(condition, out, shape);
}

/** True when some element is non-zero (`torch.any`), as a JavaScript boolean. */
export function anyTrue(x: Tensor): boolean {
  return x.dataSync().some((v) => v !== 0);
}
