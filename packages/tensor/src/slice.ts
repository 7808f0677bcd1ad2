import { fail } from './errors.js';
import type { Slice } from './types.js';

/**
 * A slice `start:stop:step` for {@link Tensor.index}, Python's `slice`: `slice(1, 3)` is `1:3`,
 * `slice(null, null, 2)` is `::2`. Negative start / stop count from the end.
 */
export function slice(start: number | null = null, stop: number | null = null, step = 1): Slice {
  return { kind: 'slice', start, stop, step };
}

/** Parses Python's slice syntax: `':'`, `'1:3'`, `'::2'`, `'-2:'`. */
export function parseSlice(text: string): Slice {
  const parts = text.split(':');
  if (parts.length < 2 || parts.length > 3) {
    fail('index', `'${text}' is not a slice: expected 'start:stop' or 'start:stop:step'`);
  }
  const num = (s: string | undefined): number | null => {
    const v = (s ?? '').trim();
    if (v === '') return null;
    const n = Number(v);
    if (!Number.isInteger(n)) fail('index', `'${text}' is not a slice: '${v}' is not an integer`);
    return n;
  };
  return slice(num(parts[0]), num(parts[1]), num(parts[2]) ?? 1);
}

/** The first position, the count and the step a slice selects in a dimension of `size`. */
export function resolveSlice(
  s: Slice,
  size: number,
): { start: number; length: number; step: number } {
  if (!Number.isInteger(s.step) || s.step <= 0)
    fail('index', `slice step must be positive, got ${s.step}`);
  const clampEnd = (v: number | null, dflt: number): number => {
    if (v === null) return dflt;
    const w = v < 0 ? v + size : v;
    return Math.min(Math.max(w, 0), size);
  };
  const start = clampEnd(s.start, 0);
  const stop = clampEnd(s.stop, size);
  const length = stop > start ? Math.ceil((stop - start) / s.step) : 0;
  return { start, length, step: s.step };
}
