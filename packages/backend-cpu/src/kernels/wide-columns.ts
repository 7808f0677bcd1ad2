import type { ConvGeometry } from './im2col.js';

/**
 * The "wide" columns of a stride-1 convolution. Once the input is zero-padded to `[C, hp, wp]`
 * so that every window lies inside it, kernel tap `(ci, i, j)` meets, at the output positions
 * taken row by row across the padded width (`(oh, q)` for `q < wp`), one contiguous run of
 * the padded plane: so each row of the columns is a single `set` (a memory copy) instead of a
 * loop per element. The columns `q >= wo` of each output row are junk (they read real input
 * elements from the next row); products discard them, or meet zeros there.
 */
export interface WideGeometry {
  /** The padded plane: `ho + dh * (kh - 1)` rows of `wo + dw * (kw - 1)`. */
  hp: number;
  wp: number;
  /** Columns per image and group, `ho * wp`. */
  width: number;
  /** The elements of a tap's run, `(ho - 1) * wp + wo` (the junk after the last row is left as is). */
  run: number;
}

/** The wide layout of a convolution, or null unless both strides are 1. */
export function wideGeometry(g: ConvGeometry): WideGeometry | null {
  if (g.sh !== 1 || g.sw !== 1) return null;
  const hp = g.ho + g.dh * (g.kh - 1);
  const wp = g.wo + g.dw * (g.kw - 1);
  return { hp, wp, width: g.ho * wp, run: (g.ho - 1) * wp + g.wo };
}

/**
 * Copies image `[C, H, W]` (from `at`) into the padded `[C, hp, wp]`: `ph` zero rows and `pw`
 * zero columns before it, zeros after it, and anything beyond `hp` / `wp` cut off.
 */
export function padImage(
  x: Float32Array,
  at: number,
  g: ConvGeometry,
  wg: WideGeometry,
  xp: Float32Array,
): void {
  const { hp, wp } = wg;
  const cols = Math.min(g.w, wp - g.pw);
  xp.fill(0);
  if (cols <= 0) return;
  for (let c = 0; c < g.c; c++) {
    for (let r = g.ph; r < Math.min(hp, g.h + g.ph); r++) {
      const from = at + (c * g.h + r - g.ph) * g.w;
      xp.set(x.subarray(from, from + cols), (c * hp + r) * wp + g.pw);
    }
  }
}

/**
 * {@link im2col} in the wide layout: row `(ci * kh + i) * kw + j` of `cols` (from `at`, rows
 * `rowStride` apart) gets the run of the padded channels `[cg, hp, wp]` (from `xpAt`) that
 * starts at `(ci, i * dh, j * dw)`.
 *
 * xp: [cg, hp, wp] -> cols: [cg * kh * kw, ho * wp]
 */
export function wideIm2col(
  xp: Float32Array,
  xpAt: number,
  g: ConvGeometry,
  wg: WideGeometry,
  cols: Float32Array,
  at: number,
  rowStride: number,
): void {
  const { hp, wp, run } = wg;
  let row = at;
  for (let ci = 0; ci < g.cg; ci++) {
    for (let i = 0; i < g.kh; i++) {
      for (let j = 0; j < g.kw; j++, row += rowStride) {
        const from = xpAt + (ci * hp + i * g.dh) * wp + j * g.dw;
        cols.set(xp.subarray(from, from + run), row);
      }
    }
  }
}

/**
 * The adjoint of {@link wideIm2col}: adds each row's run back into the padded channels
 * `dxp: [cg, hp, wp]` (from `xpAt`). Junk columns must hold zeros.
 */
export function wideCol2im(
  cols: Float32Array,
  at: number,
  rowStride: number,
  g: ConvGeometry,
  wg: WideGeometry,
  dxp: Float64Array,
  xpAt: number,
): void {
  const { hp, wp, run } = wg;
  let row = at;
  for (let ci = 0; ci < g.cg; ci++) {
    for (let i = 0; i < g.kh; i++) {
      for (let j = 0; j < g.kw; j++, row += rowStride) {
        const to = xpAt + (ci * hp + i * g.dh) * wp + j * g.dw;
        for (let k = 0; k < run; k++)
          dxp[to + k] = (dxp[to + k] as number) + (cols[row + k] as number);
      }
    }
  }
}

/** The inverse of {@link padImage} for a gradient: `dxp: [C, hp, wp]` -> image `[C, H, W]` (from `at`). */
export function cropImage(
  dxp: Float64Array,
  g: ConvGeometry,
  wg: WideGeometry,
  dx: Float32Array,
  at: number,
): void {
  const { hp, wp } = wg;
  for (let c = 0; c < g.c; c++) {
    for (let h = 0; h < g.h; h++) {
      const r = h + g.ph;
      if (r >= hp) break; // rows and columns that no window reads keep their zero gradient
      const to = at + (c * g.h + h) * g.w;
      const from = (c * hp + r) * wp + g.pw;
      for (let w = 0; w < Math.min(g.w, wp - g.pw); w++) dx[to + w] = dxp[from + w] as number;
    }
  }
}
