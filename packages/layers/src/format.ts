/**
 * Python's spelling of values, for the printouts that mirror PyTorch's: `1e-05`, `0.1`, `True`,
 * `(3, 3)`, `None`, `'tanh'`.
 */

/**
 * `repr(float(x))` as Python prints it: the shortest digits that read back to the same double,
 * fixed notation for exponents from -4 to 15, scientific (`1e-05`, `1.5e+16`) otherwise, and a
 * trailing `.0` on whole numbers.
 *
 * @example
 * pyFloat(1e-5); // '1e-05'
 * pyFloat(0.1);  // '0.1'
 * pyFloat(2);    // '2.0'
 */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  // toExponential() without an argument gives the shortest round-trip digits.
  const [mantissa, exp] = x.toExponential().split('e') as [string, string];
  const e = Number(exp);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (e < -4 || e >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = e < 0 ? '-' : '+';
    return `${sign}${m}e${expSign}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  const intLen = e + 1;
  if (digits.length <= intLen) return `${sign}${digits.padEnd(intLen, '0')}.0`;
  return `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
}

/** A number as Python prints it: integers as `3`, other values as {@link pyFloat}. */
export function pyNumber(x: number, asFloat = false): string {
  return Number.isInteger(x) && !asFloat ? String(x) : pyFloat(x);
}

/** `True` / `False`. */
export const pyBool = (b: boolean): string => (b ? 'True' : 'False');

/**
 * A value as Python's `str.format` writes it: arrays as tuples (`(3, 3)`, `(5,)`), null as
 * `None`, booleans as `True`/`False`, strings bare.
 */
export function pyValue(v: number | string | boolean | null | readonly (number | null)[]): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return pyBool(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return pyNumber(v);
  const items = v.map((x) => pyValue(x));
  return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

/** A string as Python's `repr` quotes it: `'tanh'`. */
export const pyStr = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** Indents every line but the first by `spaces` (PyTorch's `_addindent`). */
export function addIndent(s: string, spaces: number): string {
  const lines = s.split('\n');
  if (lines.length === 1) return s;
  const pad = ' '.repeat(spaces);
  return [lines[0], ...lines.slice(1).map((l) => pad + l)].join('\n');
}

/**
 * `format(x, '.2f')` as Python computes it: rounds the exact binary value, ties to even.
 * JavaScript's toFixed sends exact ties away from zero (0.125 -> '0.13'; Python: '0.12').
 */
export function fixed2(x: number): string {
  const eighths = x * 8; // exact: a power-of-two scale
  if (Number.isInteger(eighths) && Math.abs(eighths) % 2 === 1) {
    // an odd multiple of 1/8 has an exact 5 in the third decimal: a tie
    const hundredths = Math.trunc(x * 100);
    if (Math.abs(hundredths) % 2 === 0) return (hundredths / 100).toFixed(2);
  }
  return x.toFixed(2);
}
