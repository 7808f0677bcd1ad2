/**
 * Names of the primitive operations. Each has one kernel per backend (one file per kernel),
 * and, in @nabla/autograd, one gradient rule.
 */

/** Elementwise ops of one input. The output has the input's dtype, except `not` (bool). */
export type UnaryOp =
  | 'neg'
  | 'abs'
  | 'sign'
  | 'exp'
  | 'log'
  | 'log1p'
  | 'sqrt'
  | 'rsqrt'
  | 'sin'
  | 'cos'
  | 'tanh'
  | 'erf'
  | 'sigmoid'
  | 'relu'
  | 'floor'
  | 'ceil'
  | 'round'
  | 'not';

/** Every unary op. */
export const UNARY_OPS: readonly UnaryOp[] = [
  'neg',
  'abs',
  'sign',
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
  'relu',
  'floor',
  'ceil',
  'round',
  'not',
];

/**
 * Elementwise ops of two inputs of one dtype and one shape. Arithmetic ops keep the dtype;
 * comparisons and logical ops give bool.
 */
export type BinaryOp =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'pow'
  | 'maximum'
  | 'minimum'
  | 'eq'
  | 'ne'
  | 'lt'
  | 'le'
  | 'gt'
  | 'ge'
  | 'and'
  | 'or';

/** Every binary op. */
export const BINARY_OPS: readonly BinaryOp[] = [
  'add',
  'sub',
  'mul',
  'div',
  'pow',
  'maximum',
  'minimum',
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
  'and',
  'or',
];

/** The binary ops whose result is bool. */
export const BOOL_RESULT_OPS: ReadonlySet<BinaryOp> = new Set([
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
  'and',
  'or',
]);

/** Reductions over a set of axes. sum / prod keep int32; bool inputs are reduced as int32. */
export type ReduceOp = 'sum' | 'prod' | 'max' | 'min';

/** Index-of-extreme reductions along one axis; the first index wins on ties. */
export type ArgReduceOp = 'argmax' | 'argmin';
