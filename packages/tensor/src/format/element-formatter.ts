import type { DType } from '@nabla/backend';
import type { PrintOptions } from './print-options.js';
import { formatExponential, formatFixed } from './python-float-format.js';

/** Formats one element, padded on the left to a width shared by the whole printout. */
export interface ElementFormatter {
  /** The width every element is padded to (an element may still be longer, e.g. 'nan'). */
  readonly width: number;
  format(value: number): string;
}

/**
 * Chooses the notation and width from the values that will be shown (for a summarised
 * tensor, only the edges). Mirrors `torch._tensor_str._Formatter`.
 *
 * For floats the decision is made over the non-zero finite values: all integral -> "int mode"
 * ('1.', '-3.'); a ratio above 1000 between the largest and smallest magnitude, a magnitude
 * above 1e8, or (with fractions) one below 1e-4 -> scientific notation; otherwise fixed point
 * with `precision` decimals.
 *
 * @example
 * createElementFormatter([1e-5, 1], 'float32', getPrintoptions()).format(1); // '1.0000e+00'
 */
export function createElementFormatter(
  shown: readonly number[],
  dtype: DType,
  options: PrintOptions,
): ElementFormatter {
  if (dtype === 'bool') return padded(widest(shown.map(boolText)), boolText);
  if (dtype === 'int32') return padded(widest(shown.map(intText)), intText);
  return floatFormatter(shown, options);
}

function floatFormatter(shown: readonly number[], options: PrintOptions): ElementFormatter {
  const { precision } = options;
  const fixed = (x: number): string => formatFixed(x, precision);
  const scientific = (x: number): string => formatExponential(x, precision);
  const integral = (x: number): string => {
    const text = formatFixed(x, 0);
    return Number.isFinite(x) ? `${text}.` : text;
  };

  const finite = shown.filter((x) => Number.isFinite(x) && x !== 0);
  // With nothing to measure PyTorch returns before it reads sciMode: zeros print as '0.' even
  // under sciMode: true.
  if (finite.length === 0) return padded(1, integral);

  const magnitudes = finite.map(Math.abs);
  const max = magnitudes.reduce((a, b) => Math.max(a, b));
  const min = magnitudes.reduce((a, b) => Math.min(a, b));
  const intMode = finite.every((x) => x === Math.ceil(x));
  const spread = max / min > 1000 || max > 1e8;

  let sciMode: boolean;
  let width: number;
  if (intMode) {
    sciMode = spread;
    width = sciMode ? widest(finite.map(scientific)) : widest(finite.map((x) => integral(x)));
  } else {
    sciMode = spread || min < 1e-4;
    width = widest(finite.map(sciMode ? scientific : fixed));
  }
  // A forced sciMode keeps the width measured above, as PyTorch does, so forcing scientific
  // notation on short numbers leaves the columns unaligned.
  if (options.sciMode !== null) sciMode = options.sciMode;

  if (sciMode) return padded(width, scientific);
  return padded(width, intMode ? integral : fixed);
}

function padded(width: number, text: (value: number) => string): ElementFormatter {
  return { width, format: (value) => text(value).padStart(width) };
}

/** The longest text, and at least 1 (PyTorch starts max_width at 1). */
function widest(texts: readonly string[]): number {
  return texts.reduce((width, text) => Math.max(width, text.length), 1);
}

function boolText(value: number): string {
  return value === 0 ? 'False' : 'True';
}

function intText(value: number): string {
  return String(value); // String(-0) is '0', as an integer prints
}
