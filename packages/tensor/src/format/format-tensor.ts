import type { DType } from '@nabla/backend';
import { getPrintoptions, type PrintOptions, resolvePrintOptions } from './print-options.js';
import { tensorStr } from './tensor-str.js';

/** What {@link formatTensor} needs beyond the values. */
export interface FormatTensorOptions {
  /** Shows ', requires_grad=True' (unless a `gradFn` is shown instead). */
  readonly requiresGrad?: boolean;
  /** The name of the function that made the tensor: 'AddBackward0' -> ', grad_fn=<AddBackward0>'. */
  readonly gradFn?: string;
  /** The device name, e.g. 'gpu'; shown as ", device='gpu'" unless it is 'cpu'. */
  readonly device?: string;
  /** Options for this call only, over those of {@link setPrintoptions}. */
  readonly printOptions?: Partial<PrintOptions>;
}

const PREFIX = 'tensor(';

/**
 * The string PyTorch's `repr(tensor)` / `print(tensor)` gives, from plain data. Mirrors
 * `torch._tensor_str._str`.
 *
 * `values` are the elements in row-major order (float32 values already rounded to float32,
 * bools as 0 / 1).
 *
 * Decided difference from PyTorch: Nabla's int32 plays the role of PyTorch's default int64, so a
 * non-empty int32 tensor prints with no dtype, as torch prints an int64 one: `tensor([2, 0])`.
 * An empty tensor has nothing to show its dtype by, so there we name it truthfully:
 * `tensor([], dtype=torch.int32)` (torch would say torch.int64 for its int64).
 *
 * @example
 * formatTensor(Float32Array.of(1, 2.5), [2], 'float32'); // 'tensor([1.0000, 2.5000])'
 * formatTensor(Int32Array.of(2, 0), [2], 'int32'); // 'tensor([2, 0])'
 * formatTensor(Float32Array.of(3), [], 'float32', { gradFn: 'SumBackward0' });
 * // 'tensor(3., grad_fn=<SumBackward0>)'
 */
export function formatTensor(
  values: ArrayLike<number>,
  shape: readonly number[],
  dtype: DType,
  options: FormatTensorOptions = {},
): string {
  checkShape(values, shape);
  const print = resolvePrintOptions(options.printOptions ?? {}, getPrintoptions(), 'formatTensor');

  const suffixes: string[] = [];
  if (options.device !== undefined && options.device !== 'cpu')
    suffixes.push(`device='${options.device}'`);
  let body: string;
  if (values.length === 0) {
    body = '[]';
    if (shape.length !== 1) suffixes.push(`size=(${shape.join(', ')})`);
    if (dtype !== 'float32') suffixes.push(`dtype=torch.${dtype}`);
  } else {
    // float32, int32 (as torch's int64) and bool are all default dtypes: no suffix.
    body = tensorStr(values, shape, dtype, PREFIX.length, print);
  }
  if (options.gradFn !== undefined) suffixes.push(`grad_fn=<${options.gradFn}>`);
  else if (options.requiresGrad === true) suffixes.push('requires_grad=True');

  return addSuffixes(PREFIX + body, suffixes, PREFIX.length, print.linewidth);
}

/**
 * Appends ', suffix' for each suffix, moving it to a new line indented by `indent` when the line
 * would pass `linewidth`, and closes the parenthesis. Mirrors `torch._tensor_str._add_suffixes`.
 */
function addSuffixes(
  text: string,
  suffixes: readonly string[],
  indent: number,
  linewidth: number,
): string {
  const parts = [text];
  // PyTorch's count: on a single line this is the length plus 2.
  let lastLineLength = text.length - text.lastIndexOf('\n') + 1;
  for (const suffix of suffixes) {
    if (lastLineLength + suffix.length + 2 > linewidth) {
      parts.push(`,\n${' '.repeat(indent)}${suffix}`);
      lastLineLength = indent + suffix.length;
    } else {
      parts.push(`, ${suffix}`);
      lastLineLength += suffix.length + 2;
    }
  }
  parts.push(')');
  return parts.join('');
}

function checkShape(values: ArrayLike<number>, shape: readonly number[]): void {
  if (!shape.every((size) => Number.isInteger(size) && size >= 0)) {
    throw new RangeError(
      `formatTensor: shape must hold non-negative integers, got [${shape.join(', ')}]`,
    );
  }
  const count = shape.reduce((product, size) => product * size, 1);
  if (count !== values.length) {
    throw new RangeError(
      `formatTensor: shape [${shape.join(', ')}] holds ${count} elements but values has ${values.length}`,
    );
  }
}
