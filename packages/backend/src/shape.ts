/** A tensor shape: one size per dimension, outermost first. */
export type Shape = readonly number[];

/** The number of elements of a shape (1 for a scalar, 0 when any size is 0). */
export function numel(shape: Shape): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/** Row-major (C-contiguous) strides of a shape, in elements. */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = acc;
    acc *= shape[i] as number;
  }
  return strides;
}

/** Formats a shape as PyTorch's messages do: `[2, 3]`. */
export function shapeToString(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** True when two shapes are equal. */
export function shapesEqual(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/**
 * The shape two shapes broadcast to (NumPy rules), or null when they cannot.
 * `[3, 1]` and `[4]` give `[3, 4]`.
 */
export function broadcastShapes(a: Shape, b: Shape): number[] | null {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return null;
    out[i] = x === 1 ? y : x;
  }
  return out;
}
