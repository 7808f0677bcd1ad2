/**
 * How PyTorch's printouts and state dicts spell things: Python's names (`weight_decay` for
 * `weightDecay`) and Python's `str()` of option values (`1e-08`, `True`, `None`, `(0.9, 0.999)`).
 */

/** Names whose Python spelling is not plain snake case. */
const PYTHON_NAMES: Readonly<Record<string, string>> = { tMax: 'T_max' };
const TS_NAMES: Readonly<Record<string, string>> = { T_max: 'tMax' };

/** `weightDecay` -> `weight_decay`, `tMax` -> `T_max`. */
export function pythonName(name: string): string {
  return PYTHON_NAMES[name] ?? name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** `weight_decay` -> `weightDecay`, `T_max` -> `tMax`; leading underscores are kept. */
export function tsName(name: string): string {
  return (
    TS_NAMES[name] ?? name.replace(/(?<=[a-z0-9])_([a-z])/g, (_, c: string) => c.toUpperCase())
  );
}

/**
 * Python's `repr` of a float: the shortest digits that read back to the same double, in fixed
 * notation from 1e-4 up to 1e16 and in exponent notation (`1e-05`, `2.5e-07`, `1e+16`) outside
 * that range, with `.0` on whole numbers.
 */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest round-trip digits: "1.2345e-7"
  const [mantissa = '', exponent = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const point = Number(exponent) + 1; // the value is 0.<digits> * 10^point
  if (point <= -4 || point > 16) {
    const e = point - 1;
    const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${head}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point < digits.length) return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`;
}

/**
 * Python's `str()` of an option value as PyTorch's `print(optimizer)` shows it. JavaScript has
 * one number type: a whole number prints as a Python int (`0`, `25`), as PyTorch's integer
 * defaults do, and any other number as a Python float. Arrays print as tuples.
 */
export function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) && !Object.is(value, -0)
      ? String(value)
      : pythonFloat(value);
  }
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const items = value.map((v) => (typeof v === 'string' ? `'${v}'` : pythonStr(v)));
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  return String(value);
}
