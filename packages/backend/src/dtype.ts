/**
 * The element types Nabla stores. PyTorch's int64 class labels become int32 here.
 *
 * Mirrors `torch.float32`, `torch.int32` and `torch.bool`.
 */
export type DType = 'float32' | 'int32' | 'bool';

/** Every dtype, in promotion order (lowest first). */
export const DTYPES: readonly DType[] = ['bool', 'int32', 'float32'];

/** The typed array that holds each dtype on the host (bool as 0 / 1 bytes). */
export interface TypedArrayFor {
  float32: Float32Array;
  int32: Int32Array;
  bool: Uint8Array;
}

/** A host array of any dtype. */
export type TypedArray = Float32Array | Int32Array | Uint8Array;

/** Allocates a zero-filled host array for `dtype`. */
export function allocHost<D extends DType>(dtype: D, size: number): TypedArrayFor[D] {
  switch (dtype) {
    case 'float32':
      return new Float32Array(size) as TypedArrayFor[D];
    case 'int32':
      return new Int32Array(size) as TypedArrayFor[D];
    default:
      return new Uint8Array(size) as TypedArrayFor[D];
  }
}

/** Returns true for a floating-point dtype. */
export function isFloating(dtype: DType): boolean {
  return dtype === 'float32';
}

/**
 * The dtype of a result that combines two dtypes, as `torch.promote_types`
 * (bool < int32 < float32).
 */
export function promoteTypes(a: DType, b: DType): DType {
  return DTYPES.indexOf(a) >= DTYPES.indexOf(b) ? a : b;
}

/** Converts a JavaScript number to what a dtype stores (truncation toward zero for int32, as a C cast). */
export function castScalar(value: number, dtype: DType): number {
  if (dtype === 'float32') return Math.fround(value);
  if (dtype === 'int32') return Math.trunc(value) | 0;
  return value !== 0 ? 1 : 0;
}
