/** Small helpers for writing SVG by hand. */

/** Escapes text for SVG / HTML content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A coordinate with at most two decimals (enough for a picture, short in the file). */
export const px = (v: number): string => String(Math.round(v * 100) / 100);

/** An element with attributes (values escaped) and optional text content. */
export function el(
  name: string,
  attrs: Record<string, string | number | undefined>,
  content?: string,
): string {
  const list = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(typeof v === 'number' ? px(v) : (v as string))}"`)
    .join('');
  return content === undefined ? `<${name}${list}/>` : `<${name}${list}>${content}</${name}>`;
}

/** The opening of a standalone SVG document of `width` x `height` with a white background. */
export function svgOpen(width: number, height: number, title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="13">\n` +
    `<title>${escapeXml(title)}</title>\n` +
    `<rect width="${width}" height="${height}" fill="white"/>\n`
  );
}

/**
 * About `count` round tick values covering [lo, hi] (1, 2 or 5 times a power of ten apart), as
 * matplotlib's default locator chooses them.
 *
 * @example
 * niceTicks(0, 0.93, 5); // [0, 0.2, 0.4, 0.6, 0.8, 1]
 */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  if (!(hi > lo)) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return niceTicks(lo - pad, hi + pad, count);
  }
  const raw = (hi - lo) / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const first = Math.floor(lo / step + 1e-9) * step;
  const ticks: number[] = [];
  for (let v = first; v < hi + step * 0.999; v += step) ticks.push(roundTo(v, step));
  return ticks;
}

/** `v` without the float noise a sum of steps leaves (0.30000000000000004 -> 0.3). */
function roundTo(v: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return Number(v.toFixed(Math.min(decimals, 12)));
}

/** The decimals that write every tick exactly (1.2 needs one, 0.25 two); at most 6. */
export function tickDecimals(ticks: readonly number[]): number {
  for (let d = 0; d < 6; d++) {
    if (ticks.every((v) => Math.abs(v - Number(v.toFixed(d))) < 1e-9 * Math.max(1, Math.abs(v)))) {
      return d;
    }
  }
  return 6;
}

/** A tick label with `decimals` decimals, or in exponent form for very large or small values. */
export function tickLabel(v: number, decimals: number): string {
  if (Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-4)) return v.toExponential(1);
  return v.toFixed(decimals);
}
