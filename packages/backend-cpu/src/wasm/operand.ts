import type { View } from '@nabla/backend';
import type { CpuBuffer } from '../cpu-buffer.js';
import { forEachOffset } from '../strided.js';

/** One matrix of a batched operand: where its element (0, 0) is and its strides, in elements. */
export interface Operand {
  data: Float32Array;
  offset: number;
  rs: number;
  cs: number;
  rows: number;
  cols: number;
}

/** The buffer offset of each batch's matrix, row-major over the batch dimensions. */
export function batchOffsets(x: View<CpuBuffer>, batchShape: readonly number[]): number[] {
  const offsets: number[] = [];
  forEachOffset(batchShape, x.strides.slice(0, batchShape.length), x.offset, (_, at) => {
    offsets.push(at);
  });
  return offsets;
}

/** The matrix of a `[..., rows, cols]` view that starts at `offset`. */
export function matrixOf(x: View<CpuBuffer>, offset: number): Operand {
  const r = x.shape.length;
  return {
    data: x.buffer.data as Float32Array,
    offset,
    rs: x.strides[r - 2] as number,
    cs: x.strides[r - 1] as number,
    rows: x.shape[r - 2] as number,
    cols: x.shape[r - 1] as number,
  };
}

/** The elements an operand's strides reach (negative strides too): from `lo`, `span` of them. */
export function spanOf(x: Operand): { lo: number; span: number } {
  const dr = (x.rows - 1) * x.rs;
  const dc = (x.cols - 1) * x.cs;
  const lo = x.offset + Math.min(0, dr) + Math.min(0, dc);
  const hi = x.offset + Math.max(0, dr) + Math.max(0, dc);
  return { lo, span: hi - lo + 1 };
}

/**
 * Whether to copy an operand's whole span into WebAssembly memory as it is (contiguous,
 * transposed, flipped, a little padding between rows) rather than gather its elements: when the
 * span is at most twice the element count.
 */
export function copiesSpan(x: Operand): boolean {
  return spanOf(x).span <= 2 * x.rows * x.cols;
}

/** Room, in elements, to stage an operand: its span, or its size when it is gathered. */
export function stageSize(x: Operand): number {
  return copiesSpan(x) ? spanOf(x).span : x.rows * x.cols;
}
