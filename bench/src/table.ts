// Formatting of the results table: numbers with units, and an aligned Markdown table.

/** `x` to `digits` significant digits, without exponent notation for the ranges used here. */
export function sig(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const mag = Math.floor(Math.log10(Math.abs(x)));
  const decimals = Math.max(0, digits - 1 - mag);
  const s = x.toFixed(decimals);
  // rounding up to the next power of ten (0.99996 -> 1.000) leaves one digit too many
  if (decimals > 0 && Math.abs(Number(s)) >= 10 ** (mag + 1)) return x.toFixed(decimals - 1);
  return s;
}

/** Seconds in the unit that gives 1 to 999 of it: `1.23 s`, `45.6 ms`, `1.50 µs`, `870 ns`. */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '—';
  const a = Math.abs(s);
  // round first, so that 999.96 ms becomes 1.00 s and not 1000 ms
  if (Number(sig(a)) >= 1) return `${sig(s)} s`;
  if (Number(sig(a * 1e3)) >= 1) return `${sig(s * 1e3)} ms`;
  if (Number(sig(a * 1e6)) >= 1) return `${sig(s * 1e6)} µs`;
  return `${sig(s * 1e9)} ns`;
}

/** A ratio as `19.8x` (two significant digits under 10: `1.2x`, `0.45x`). */
export function formatRatio(r: number): string {
  if (!Number.isFinite(r)) return '—';
  return `${Number(sig(r, 2)) >= 10 ? sig(r, 3) : sig(r, 2)}x`;
}

/** A rate with 3 significant digits (at least the integer part): `27.9`, `310`, `1234`. */
export function formatRate(x: number): string {
  if (!Number.isFinite(x)) return '—';
  return Math.abs(x) >= 1000 ? String(Math.round(x)) : sig(x);
}

/** Column alignment in a Markdown table. */
export type Align = 'left' | 'right';

/** Display width of a table cell (code points; no wide characters are used). */
const width = (s: string): number => [...s].length;

/**
 * A Markdown table with padded columns, so that it reads as a table in a terminal too. `align`
 * gives each column's alignment (default: first column left, the others right).
 */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly Align[],
): string {
  const cols = headers.length;
  for (const r of rows) {
    if (r.length !== cols)
      throw new Error(`renderTable: a row has ${r.length} cells, headers ${cols}`);
  }
  const al = (i: number): Align => align?.[i] ?? (i === 0 ? 'left' : 'right');
  const widths = headers.map((h, i) => Math.max(3, width(h), ...rows.map((r) => width(r[i]!))));
  const pad = (s: string, i: number) => {
    const fill = ' '.repeat(widths[i]! - width(s));
    return al(i) === 'left' ? s + fill : fill + s;
  };
  const line = (cells: readonly string[]) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (al(i) === 'left' ? ` ${'-'.repeat(w)} ` : ` ${'-'.repeat(w - 1)}: `)).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}
