import { el, escapeXml, niceTicks, px, svgOpen, tickDecimals, tickLabel } from './svg.js';

/** One series of a chart: a line through its points, or markers at them. */
export interface Series {
  name: string;
  /** An SVG colour; the course draws train in blue 'b' and validation in black 'k'. */
  color: string;
  points: readonly (readonly [number, number])[];
  /** 'line' (default), 'dashed', or 'scatter' (markers only). */
  style?: 'line' | 'dashed' | 'scatter';
  /** The marker of a scatter series (default 'circle'). */
  marker?: 'circle' | 'cross';
}

/** A chart: `plt.plot` / `plt.scatter` calls with a title, axis labels and a legend. */
export interface ChartSpec {
  title: string;
  xlabel: string;
  ylabel: string;
  series: readonly Series[];
  width?: number;
  height?: number;
  /** Tick values for the x axis (default: round values chosen from the data). */
  xticks?: readonly number[];
}

const MARGIN = { left: 72, right: 24, top: 44, bottom: 56 };

/** The finite points of a series, split where a value is not finite (a diverged loss). */
function segments(points: Series['points']): (readonly [number, number])[][] {
  const out: (readonly [number, number])[][] = [[]];
  for (const p of points) {
    if (Number.isFinite(p[0]) && Number.isFinite(p[1])) out[out.length - 1]?.push(p);
    else if ((out[out.length - 1]?.length ?? 0) > 0) out.push([]);
  }
  return out.filter((s) => s.length > 0);
}

/** Points every few pixels along a polyline (to see what a legend box would hide). */
function sampleLine(points: readonly (readonly [number, number])[]): (readonly [number, number])[] {
  const out: (readonly [number, number])[] = [];
  points.forEach((p, i) => {
    const q = points[i + 1];
    out.push(p);
    if (q === undefined) return;
    const n = Math.min(200, Math.ceil(Math.hypot(q[0] - p[0], q[1] - p[1]) / 6));
    for (let k = 1; k < n; k++)
      out.push([p[0] + ((q[0] - p[0]) * k) / n, p[1] + ((q[1] - p[1]) * k) / n]);
  });
  return out;
}

function extent(values: number[]): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  return [Math.min(...finite), Math.max(...finite)];
}

/**
 * Draws a chart as a standalone SVG document, as matplotlib's `plt.plot` (lines) and
 * `plt.scatter` (markers) would: grid, axes with ticks, title, axis labels and a legend. Each
 * series is a `<g class="series" data-name="…">` holding `<polyline>`s or markers with the data
 * in `data-x` / `data-y`, so the numbers can be read back from the file.
 *
 * @example
 * const svg = lineChart({
 *   title: 'Learning curve (loss)', xlabel: 'epochs', ylabel: 'loss',
 *   series: [{ name: 'train', color: 'blue', points: [[1, 0.9], [2, 0.5]] }],
 * });
 */
export function lineChart(spec: ChartSpec): string {
  const width = spec.width ?? 640;
  const height = spec.height ?? 480;
  const all = spec.series.flatMap((s) => s.points);
  const [x0, x1] = extent(all.map((p) => p[0]));
  const [y0, y1] = extent(all.map((p) => p[1]));
  const xticks = spec.xticks ?? niceTicks(x0, x1, 8);
  const yticks = niceTicks(y0, y1, 7);
  const xlo = Math.min(x0, xticks[0] ?? x0);
  const xhi = Math.max(x1, xticks[xticks.length - 1] ?? x1);
  const ylo = Math.min(y0, yticks[0] ?? y0);
  const yhi = Math.max(y1, yticks[yticks.length - 1] ?? y1);
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const sx = (x: number): number =>
    MARGIN.left + (xhi === xlo ? plotW / 2 : ((x - xlo) / (xhi - xlo)) * plotW);
  const sy = (y: number): number =>
    MARGIN.top + plotH - (yhi === ylo ? plotH / 2 : ((y - ylo) / (yhi - ylo)) * plotH);
  const xdecimals = tickDecimals(xticks);
  const ydecimals = tickDecimals(yticks);

  const parts: string[] = [svgOpen(width, height, spec.title)];
  parts.push(
    el(
      'text',
      { x: width / 2, y: 26, 'text-anchor': 'middle', 'font-size': 16 },
      escapeXml(spec.title),
    ),
  );
  // grid and ticks
  const grid: string[] = [];
  const axis: string[] = [];
  for (const t of xticks) {
    const x = sx(t);
    grid.push(el('line', { x1: x, y1: MARGIN.top, x2: x, y2: MARGIN.top + plotH }));
    axis.push(
      el(
        'text',
        { x, y: MARGIN.top + plotH + 18, 'text-anchor': 'middle' },
        tickLabel(t, xdecimals),
      ),
    );
  }
  for (const t of yticks) {
    const y = sy(t);
    grid.push(el('line', { x1: MARGIN.left, y1: y, x2: MARGIN.left + plotW, y2: y }));
    axis.push(
      el('text', { x: MARGIN.left - 8, y: y + 4, 'text-anchor': 'end' }, tickLabel(t, ydecimals)),
    );
  }
  parts.push(`<g class="grid" stroke="#dddddd" stroke-width="1">${grid.join('')}</g>\n`);
  parts.push(
    el('rect', {
      x: MARGIN.left,
      y: MARGIN.top,
      width: plotW,
      height: plotH,
      fill: 'none',
      stroke: '#333333',
    }),
  );
  parts.push(`\n<g class="axes" fill="#333333">${axis.join('')}</g>\n`);
  parts.push(
    el(
      'text',
      { x: MARGIN.left + plotW / 2, y: height - 14, 'text-anchor': 'middle' },
      escapeXml(spec.xlabel),
    ),
  );
  const ly = MARGIN.top + plotH / 2;
  parts.push(
    el(
      'text',
      { x: 18, y: ly, 'text-anchor': 'middle', transform: `rotate(-90 18 ${px(ly)})` },
      escapeXml(spec.ylabel),
    ),
  );
  parts.push('\n');
  // series
  for (const s of spec.series) {
    const body: string[] = [];
    if (s.style === 'scatter') {
      for (const [x, y] of s.points) {
        if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
        const cx = sx(x);
        const cy = sy(y);
        body.push(
          s.marker === 'cross'
            ? `<path d="M${px(cx - 4)} ${px(cy - 4)}L${px(cx + 4)} ${px(cy + 4)}M${px(cx - 4)} ${px(cy + 4)}L${px(cx + 4)} ${px(cy - 4)}" stroke="${s.color}" stroke-width="1.5"/>`
            : el('circle', { cx, cy, r: s.points.length > 100 ? 2 : 3.5, fill: s.color }),
        );
      }
    } else {
      for (const seg of segments(s.points)) {
        body.push(
          el('polyline', {
            points: seg.map(([x, y]) => `${px(sx(x))},${px(sy(y))}`).join(' '),
            fill: 'none',
            stroke: s.color,
            'stroke-width': 2,
            'stroke-dasharray': s.style === 'dashed' ? '6 4' : undefined,
          }),
        );
      }
    }
    parts.push(
      `<g class="series" data-name="${escapeXml(s.name)}" data-x="${s.points.map((p) => p[0]).join(' ')}" data-y="${s.points.map((p) => p[1]).join(' ')}">${body.join('')}</g>\n`,
    );
  }
  // the legend goes in the corner of the plot that hides the fewest points, as matplotlib's
  // loc='best' does
  const legendW = 24 + 8 * Math.max(...spec.series.map((s) => s.name.length), 4);
  const legendH = spec.series.length * 20 + 8;
  const screen = spec.series.flatMap((s) =>
    s.style === 'scatter'
      ? s.points.map(([x, y]) => [sx(x), sy(y)] as const)
      : segments(s.points).flatMap((seg) =>
          sampleLine(seg.map(([x, y]) => [sx(x), sy(y)] as const)),
        ),
  );
  const corners = [
    [MARGIN.left + plotW - legendW - 12, MARGIN.top + 4],
    [MARGIN.left + 8, MARGIN.top + 4],
    [MARGIN.left + plotW - legendW - 12, MARGIN.top + plotH - legendH - 4],
    [MARGIN.left + 8, MARGIN.top + plotH - legendH - 4],
  ] as const;
  const hidden = corners.map(
    ([bx, by]) =>
      screen.filter(([x, y]) => x >= bx && x <= bx + legendW + 16 && y >= by && y <= by + legendH)
        .length,
  );
  const best = hidden.indexOf(Math.min(...hidden));
  const [lx0, ly0] = corners[best] ?? corners[0];
  const lx = lx0 + 4;
  const items = spec.series.map((s, i) => {
    const y = ly0 + 18 + i * 20;
    const mark =
      s.style === 'scatter'
        ? s.marker === 'cross'
          ? `<path d="M${px(lx + 10)} ${px(y - 8)}L${px(lx + 18)} ${px(y)}M${px(lx + 10)} ${px(y)}L${px(lx + 18)} ${px(y - 8)}" stroke="${s.color}" stroke-width="1.5"/>`
          : el('circle', { cx: lx + 14, cy: y - 4, r: 3.5, fill: s.color })
        : el('line', {
            x1: lx + 4,
            y1: y - 4,
            x2: lx + 24,
            y2: y - 4,
            stroke: s.color,
            'stroke-width': 2,
            'stroke-dasharray': s.style === 'dashed' ? '6 4' : undefined,
          });
    return mark + el('text', { x: lx + 30, y }, escapeXml(s.name));
  });
  parts.push(
    `<g class="legend">${el('rect', { x: lx0, y: ly0, width: legendW + 16, height: legendH, fill: 'white', stroke: '#cccccc' })}${items.join('')}</g>\n`,
  );
  parts.push('</svg>\n');
  return parts.join('');
}
