import type { Tensor } from './tensor.js';

/** A number or a boolean, the scalars ops accept beside tensors. */
export type Scalar = number | boolean;

/** A tensor or a scalar: what binary ops take on either side. */
export type TensorLike = Tensor | Scalar;

/** A shape given as one array or as separate sizes: `view([3, -1])` or `view(3, -1)`. */
export type ShapeArgs = (number | readonly number[])[];

/** Nested arrays of numbers, as `tensor()` takes and `tolist()` gives. */
export type NestedArray = number | boolean | NestedArray[];

/** A slice `start:stop:step`; made by {@link slice}. */
export interface Slice {
  readonly kind: 'slice';
  readonly start: number | null;
  readonly stop: number | null;
  readonly step: number;
}

/**
 * One entry of an index, as between PyTorch's square brackets:
 * - a number: picks one position and drops the dimension (`t[1]`), negatives count from the end;
 * - a {@link Slice} or a string in Python's slice syntax: `':'`, `'1:3'`, `'::2'`, `'-1:'`;
 * - `'...'`: as many full slices as needed (Ellipsis);
 * - `null`: a new dimension of size 1 (None);
 * - an array of integers or an int32 tensor: picks those positions (`t[[0, 2, 3]]`);
 * - an array of booleans or a bool tensor: a mask (`t[t > 0]`).
 */
export type Index =
  | number
  | string
  | Slice
  | null
  | readonly number[]
  | readonly boolean[]
  | Tensor;

/** `torch.max(x, dim)`'s result: a pair that also has PyTorch's names. */
export type ReductionResult = [Tensor, Tensor] & { values: Tensor; indices: Tensor };

/** Options of creation ops. */
export interface CreateOptions {
  dtype?: import('@nabla/backend').DType;
  device?: string;
  requiresGrad?: boolean;
}
