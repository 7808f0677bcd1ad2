import { at, blankLike, type Raster } from './raster.js';

/** How `pad` fills the border, as torchvision's `padding_mode`. */
export type PaddingMode = 'constant' | 'edge' | 'reflect' | 'symmetric';

/** Maps a position outside [0, n) back inside, as numpy.pad's modes do. */
function inside(i: number, n: number, mode: Exclude<PaddingMode, 'constant'>): number {
  if (mode === 'edge') return Math.min(Math.max(i, 0), n - 1);
  // reflect mirrors about the edge values (period 2n - 2), symmetric repeats them (period 2n)
  const period = mode === 'reflect' ? 2 * n - 2 : 2 * n;
  if (period <= 0) return 0;
  let k = ((i % period) + period) % period;
  if (k >= n) k = mode === 'reflect' ? period - k : period - 1 - k;
  return k;
}

/**
 * Pads by [left, top, right, bottom]; 'constant' fills with `fill` (one value, or one per plane),
 * the other modes copy image values. `x: [..., h, w] -> [..., h + top + bottom, w + left + right]`.
 */
export function padRaster(
  r: Raster,
  [left, top, right, bottom]: readonly [number, number, number, number],
  fill: number | readonly number[],
  mode: PaddingMode,
): Raster {
  const h = r.h + top + bottom;
  const w = r.w + left + right;
  const out = blankLike(r, h, w);
  const src = r.data;
  const dst = out.data;
  for (let p = 0; p < r.planes; p++) {
    const value = typeof fill === 'number' ? fill : (fill[p % fill.length] ?? 0);
    for (let y = 0; y < h; y++) {
      const sy0 = y - top;
      for (let x = 0; x < w; x++) {
        const sx0 = x - left;
        const outside = sy0 < 0 || sy0 >= r.h || sx0 < 0 || sx0 >= r.w;
        if (outside && mode === 'constant') {
          dst[at(out, p, y, x)] = value;
          continue;
        }
        const sy = outside ? inside(sy0, r.h, mode as 'edge') : sy0;
        const sx = outside ? inside(sx0, r.w, mode as 'edge') : sx0;
        dst[at(out, p, y, x)] = src[at(r, p, sy, sx)] as number;
      }
    }
  }
  return out;
}

/**
 * The window of height x width at (top, left); where it reaches past the image the values are 0,
 * as torchvision's `crop` pads. `x: [..., H, W] -> [..., height, width]`.
 */
export function cropRaster(
  r: Raster,
  top: number,
  left: number,
  height: number,
  width: number,
): Raster {
  const out = blankLike(r, height, width);
  const src = r.data;
  const dst = out.data;
  for (let p = 0; p < r.planes; p++) {
    for (let y = 0; y < height; y++) {
      const sy = top + y;
      if (sy < 0 || sy >= r.h) continue;
      for (let x = 0; x < width; x++) {
        const sx = left + x;
        if (sx >= 0 && sx < r.w) dst[at(out, p, y, x)] = src[at(r, p, sy, sx)] as number;
      }
    }
  }
  return out;
}

/** Mirrors left and right. */
export function flipRaster(r: Raster): Raster {
  const out = blankLike(r, r.h, r.w);
  for (let p = 0; p < r.planes; p++) {
    for (let y = 0; y < r.h; y++) {
      for (let x = 0; x < r.w; x++)
        out.data[at(out, p, y, r.w - 1 - x)] = r.data[at(r, p, y, x)] as number;
    }
  }
  return out;
}
