import { type Shape, shapeToString } from '@nabla/backend';

/**
 * The error Nabla throws for bad input: the message starts with the op's name, as PyTorch's
 * do (`matmul: shapes [2, 3] and [4, 5] cannot be multiplied (3 != 4)`).
 */
export class NablaError extends Error {
  override name = 'NablaError';
}

/** Throws `op: message`. */
export function fail(op: string, message: string): never {
  throw new NablaError(`${op}: ${message}`);
}

/** Formats a shape for messages: `[2, 3]`. */
export const fmt = (shape: Shape): string => shapeToString(shape);

/**
 * Wraps a possibly negative dimension into `[0, ndim)`, as PyTorch's `maybe_wrap_dim`.
 * A 0-d tensor accepts dims -1 and 0.
 */
export function normalizeDim(op: string, dim: number, ndim: number, arg = 'dim'): number {
  const n = Math.max(ndim, 1);
  if (!Number.isInteger(dim)) fail(op, `${arg} must be an integer, got ${dim}`);
  if (dim < -n || dim >= n) {
    fail(
      op,
      `${arg} ${dim} is out of range for a tensor of ${ndim} dimension${ndim === 1 ? '' : 's'} (expected to be in range of [${-n}, ${n - 1}])`,
    );
  }
  return dim < 0 ? dim + n : dim;
}
