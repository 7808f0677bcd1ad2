// How NumPy prints what the course prints with NumPy, after the course's
// np.set_printoptions(suppress=True, precision=4): enough of it for the weights and ranges of
// chapters 3 to 7.

/**
 * A float32 value as `str(np.float32(x))`: the shortest decimal that reads back as the same
 * float32.
 *
 * @example
 * float32Str(Math.fround(1.820683)); // '1.820683'
 */
export function float32Str(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const f = Math.fround(x);
  const scientific = f !== 0 && (Math.abs(f) < 1e-4 || Math.abs(f) >= 1e16);
  for (let p = 1; p <= 9; p++) {
    const v = Number(f.toPrecision(p));
    if (Math.fround(v) !== f) continue;
    if (scientific) {
      // NumPy writes 2.2701947e-06: at least two exponent digits
      const [mantissa, exponent] = v.toExponential(p - 1).split('e') as [string, string];
      const sign = exponent.startsWith('-') ? '-' : '+';
      return `${mantissa}e${sign}${exponent.replace(/^[-+]/, '').padStart(2, '0')}`;
    }
    return Number.isInteger(v) ? `${v}.0` : String(v);
  }
  return String(f);
}

/** The elements of one array, each as NumPy's 'maxprec' float mode writes them, padded alike. */
function formatElements(values: readonly number[], precision: number): string[] {
  const parts = values.map((v) => {
    if (!Number.isFinite(v))
      return { int: Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf', frac: null };
    const fixed = v.toFixed(precision).replace(/0+$/, '');
    const [int, frac = ''] = fixed.split('.');
    return { int: int === '-0' && v === 0 ? '0' : (int as string), frac };
  });
  const intWidth = Math.max(...parts.map((p) => p.int.length));
  const fracWidth = Math.max(...parts.map((p) => (p.frac === null ? 0 : p.frac.length)));
  return parts.map((p) =>
    p.frac === null
      ? p.int.padStart(intWidth + 1 + fracWidth)
      : `${p.int.padStart(intWidth)}.${p.frac.padEnd(fracWidth)}`,
  );
}

/**
 * A 1-D or 2-D array as `print(array)` shows it with `precision=4, suppress=True`.
 *
 * @example
 * npStr([[2.9700334, -5.3000169]]); // '[[ 2.97 -5.3 ]]'
 * npStr([0.3386123]);                // '[0.3386]'
 */
export function npStr(values: readonly number[] | readonly (readonly number[])[], precision = 4) {
  const rows = (values as readonly unknown[]).every(Array.isArray)
    ? (values as readonly (readonly number[])[])
    : null;
  const flat = rows === null ? (values as readonly number[]) : rows.flat();
  const cells = formatElements(flat, precision);
  if (rows === null) return `[${cells.join(' ')}]`;
  let at = 0;
  const lines = rows.map((r) => {
    const line = `[${cells.slice(at, at + r.length).join(' ')}]`;
    at += r.length;
    return line;
  });
  return `[${lines.join('\n ')}]`;
}
