/** A box `[x0, x1] x [y0, y1]` around some points, widened by `pad` of its size. */
export function boxAround(points: readonly (readonly [number, number])[], pad = 0.1) {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const dx = (x1 - x0) * pad;
  const dy = (y1 - y0) * pad;
  return { x0: x0 - dx, x1: x1 + dx, y0: y0 - dy, y1: y1 + dy };
}

/**
 * The part of the line `a x + b y + c = 0` inside `box` (its two ends), or [] when it misses the
 * box: a decision boundary drawn over the data without stretching the plot.
 */
export function lineInBox(
  a: number,
  b: number,
  c: number,
  box: { x0: number; x1: number; y0: number; y1: number },
): [number, number][] {
  const hits: [number, number][] = [];
  const inside = (x: number, y: number) =>
    x >= box.x0 - 1e-9 && x <= box.x1 + 1e-9 && y >= box.y0 - 1e-9 && y <= box.y1 + 1e-9;
  if (b !== 0) {
    for (const x of [box.x0, box.x1]) {
      const y = -(a * x + c) / b;
      if (inside(x, y)) hits.push([x, y]);
    }
  }
  if (a !== 0) {
    for (const y of [box.y0, box.y1]) {
      const x = -(b * y + c) / a;
      if (inside(x, y)) hits.push([x, y]);
    }
  }
  hits.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  return hits.length >= 2
    ? [hits[0] as [number, number], hits[hits.length - 1] as [number, number]]
    : [];
}
