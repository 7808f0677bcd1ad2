import type { BinaryOp, UnaryOp } from '../ops.js';

/**
 * The suite's own statement of each elementwise op, in doubles, as PyTorch 1.13 / 2.x define
 * it for float32 (a float32 result is this value rounded by `Math.fround`). Written apart from
 * any backend's kernels; spot-checked against torch in `torch-golden.ts`.
 */
export const UNARY_REF: Readonly<Record<UnaryOp, (x: number) => number>> = {
  neg: (x) => -x,
  abs: Math.abs,
  // torch.sign(nan) is 0 (PyTorch issue #41245; numpy gives nan).
  sign: (x) => (Number.isNaN(x) ? 0 : Math.sign(x) + 0),
  exp: Math.exp,
  log: Math.log,
  log1p: Math.log1p,
  sqrt: Math.sqrt,
  rsqrt: (x) => 1 / Math.sqrt(x),
  sin: Math.sin,
  cos: Math.cos,
  tanh: Math.tanh,
  erf: erfByQuadrature,
  sigmoid: (x) => 1 / (1 + Math.exp(-x)),
  relu: (x) => (Number.isNaN(x) ? x : Math.max(x, 0)),
  floor: Math.floor,
  ceil: Math.ceil,
  round: roundHalfEven,
  not: (x) => (x === 0 ? 1 : 0),
};

/** The unary ops whose float32 result is exact (no tolerance). */
export const EXACT_UNARY: ReadonlySet<UnaryOp> = new Set([
  'neg',
  'abs',
  'sign',
  'sqrt',
  'relu',
  'floor',
  'ceil',
  'round',
  'not',
]);

/** `torch.round`: to the nearest integer, halves to the even one. */
export function roundHalfEven(x: number): number {
  if (!Number.isFinite(x)) return x;
  const f = Math.floor(x);
  const d = x - f;
  const r = d < 0.5 ? f : d > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
  return r === 0 ? x * 0 : r; // keeps the sign of zero: torch.round(-0.4) is -0
}

/** C's `pow`, which PyTorch follows: `pow(1, y) = 1` and `pow(-1, ±inf) = 1`, unlike `Math.pow`. */
export function cPow(a: number, b: number): number {
  if (a === 1 || b === 0) return 1;
  if (a === -1 && !Number.isFinite(b) && !Number.isNaN(b)) return 1;
  return a ** b;
}

/** int32 power with wrapping products (the exponent is not negative). */
export function powInt32(a: number, b: number): number {
  let r = 1;
  for (let i = 0; i < b; i++) r = Math.imul(r, a);
  return r;
}

const bool = (c: boolean): number => (c ? 1 : 0);

/** Each binary op on doubles (float32 semantics before rounding, bool results as 0 / 1). */
export const BINARY_REF: Readonly<Record<BinaryOp, (a: number, b: number) => number>> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: cPow,
  // Math.max / Math.min give NaN when either side is NaN, as torch.maximum / minimum do.
  maximum: Math.max,
  minimum: Math.min,
  eq: (a, b) => bool(a === b),
  ne: (a, b) => bool(a !== b),
  lt: (a, b) => bool(a < b),
  le: (a, b) => bool(a <= b),
  gt: (a, b) => bool(a > b),
  ge: (a, b) => bool(a >= b),
  and: (a, b) => bool(a !== 0 && b !== 0),
  or: (a, b) => bool(a !== 0 || b !== 0),
};

/** The int32 forms that differ from the double ones: C int32 wrapping, truncating division. */
export const BINARY_INT32_REF: Readonly<
  Partial<Record<BinaryOp, (a: number, b: number) => number>>
> = {
  add: (a, b) => (a + b) | 0,
  sub: (a, b) => (a - b) | 0,
  mul: Math.imul,
  div: (a, b) => Math.trunc(a / b),
  pow: powInt32,
};

/**
 * erf(x) = 2/sqrt(pi) * integral of exp(-t^2) from 0 to x, by composite Simpson's rule: slow,
 * but an algorithm independent of any backend's (series and continued fractions).
 */
export function erfByQuadrature(x: number): number {
  if (Number.isNaN(x)) return x;
  if (Math.abs(x) > 6) return Math.sign(x);
  const n = 2000;
  const h = x / n;
  let s = 1 + Math.exp(-x * x);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * Math.exp(-(i * h) * (i * h));
  return ((2 / Math.sqrt(Math.PI)) * s * h) / 3;
}
