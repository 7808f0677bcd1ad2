import type { DType } from '@nabla/backend';
import { createElementFormatter, type ElementFormatter } from './element-formatter.js';
import type { PrintOptions } from './print-options.js';

/** A row-major block of values and what is needed to lay it out. */
interface Layout {
  readonly values: ArrayLike<number>;
  readonly shape: readonly number[];
  /** Row-major strides of `shape`. */
  readonly strides: readonly number[];
  readonly summarize: boolean;
  readonly options: PrintOptions;
}

/**
 * The bracketed body of a non-empty tensor's printout, without 'tensor(' and the suffixes.
 * `indent` is the column the body starts at (7, the length of 'tensor('). Mirrors
 * `torch._tensor_str._tensor_str`.
 *
 * @example
 * tensorStr(Float32Array.of(1, 2), [2], 'float32', 7, getPrintoptions()); // '[1., 2.]'
 */
export function tensorStr(
  values: ArrayLike<number>,
  shape: readonly number[],
  dtype: DType,
  indent: number,
  options: PrintOptions,
): string {
  const strides = rowMajorStrides(shape);
  const layout: Layout = {
    values,
    shape,
    strides,
    summarize: values.length > options.threshold,
    options,
  };
  // The notation is chosen from the values that will be shown, as get_summarized_data does.
  const shown: number[] = [];
  collectShown(layout, 0, 0, shown);
  const formatter = createElementFormatter(shown, dtype, options);
  return blockStr(layout, 0, 0, indent, formatter);
}

function rowMajorStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let d = shape.length - 2; d >= 0; d--) {
    strides[d] = (strides[d + 1] ?? 1) * (shape[d + 1] ?? 1);
  }
  return strides;
}

/**
 * The indices printed along a dimension of `size`. When summarising a dimension longer than
 * 2 * edgeitems, the first and last `edgeitems` with '...' between (`tail`); else all (`tail` null).
 */
function shownIndices(layout: Layout, size: number): { head: number[]; tail: number[] | null } {
  const range = (start: number, end: number): number[] =>
    Array.from({ length: end - start }, (_, i) => start + i);
  const { edgeitems } = layout.options;
  if (!layout.summarize || size <= 2 * edgeitems) return { head: range(0, size), tail: null };
  return { head: range(0, edgeitems), tail: range(size - edgeitems, size) };
}

/** Appends the values a printout shows, starting at dimension `dim` of the block at `offset`. */
function collectShown(layout: Layout, dim: number, offset: number, out: number[]): void {
  const size = layout.shape[dim];
  const stride = layout.strides[dim];
  if (size === undefined || stride === undefined) {
    out.push(layout.values[offset] ?? 0); // 0-d
    return;
  }
  const { head, tail } = shownIndices(layout, size);
  for (const i of [...head, ...(tail ?? [])]) {
    if (dim === layout.shape.length - 1) out.push(layout.values[offset + i * stride] ?? 0);
    else collectShown(layout, dim + 1, offset + i * stride, out);
  }
}

/** Mirrors `_tensor_str_with_formatter`: brackets within brackets, one level per dimension. */
function blockStr(
  layout: Layout,
  dim: number,
  offset: number,
  indent: number,
  f: ElementFormatter,
): string {
  const size = layout.shape[dim];
  const stride = layout.strides[dim];
  if (size === undefined || stride === undefined) return f.format(layout.values[offset] ?? 0); // 0-d
  if (dim === layout.shape.length - 1) return vectorStr(layout, offset, size, indent, f);

  const { head, tail } = shownIndices(layout, size);
  const inner = (i: number): string =>
    blockStr(layout, dim + 1, offset + i * stride, indent + 1, f);
  const slices = head.map(inner);
  if (tail !== null) slices.push('...', ...tail.map(inner));
  // Rows of a matrix on consecutive lines; higher blocks apart by (remaining dims - 1) blank lines.
  const remaining = layout.shape.length - dim;
  return `[${slices.join(`,${'\n'.repeat(remaining - 1)}${' '.repeat(indent + 1)}`)}]`;
}

/** Mirrors `_vector_str`: elements joined by ', ' and wrapped to fit `linewidth`. */
function vectorStr(
  layout: Layout,
  offset: number,
  size: number,
  indent: number,
  f: ElementFormatter,
): string {
  const elementLength = f.width + 2; // the element and ', '
  const perLine = Math.max(1, Math.floor((layout.options.linewidth - indent) / elementLength));
  const { head, tail } = shownIndices(layout, size);
  const element = (i: number): string => f.format(layout.values[offset + i] ?? 0);
  const data = head.map(element);
  if (tail !== null) data.push(' ...', ...tail.map(element));

  const lines: string[] = [];
  for (let i = 0; i < data.length; i += perLine) lines.push(data.slice(i, i + perLine).join(', '));
  return `[${lines.join(`,\n${' '.repeat(indent + 1)}`)}]`;
}
