import { type ConvGeometry, col2im, im2col } from './im2col.js';
import {
  cropImage,
  padImage,
  type WideGeometry,
  wideCol2im,
  wideGeometry,
  wideIm2col,
} from './wide-columns.js';

/**
 * How a convolution lays out its columns: compact (`ho * wo` per image and group, any stride)
 * or wide (`ho * wp`, stride 1 only, see wide-columns.ts). The three conv kernels are written
 * once against this.
 */
export interface Columns {
  /** Columns per image and group. */
  readonly width: number;
  /**
   * Unfolds image `n` of `x: [N, C, H, W]`: group `gi`'s `kc` rows start at
   * `at + gi * groupStride`, rows `rowStride` apart.
   */
  unfold(
    x: Float32Array,
    n: number,
    cols: Float32Array,
    at: number,
    groupStride: number,
    rowStride: number,
  ): void;
  /**
   * The adjoint of `unfold` for one image's columns (rows `width` apart, group `gi` at
   * `at + gi * groupStride`): their sums, in float64 and rounded once, written to image `n`
   * of `dx: [N, C, H, W]`.
   */
  fold(cols: Float32Array, at: number, groupStride: number, dx: Float32Array, n: number): void;
  /** Copies `rows` rows of `[ho, wo]` into rows of `width` (`dstRowStride` apart); junk columns are not written. */
  spread(
    src: Float32Array,
    srcAt: number,
    rows: number,
    dst: Float32Array,
    dstAt: number,
    dstRowStride: number,
  ): void;
  /** Copies `rows` rows of `width` into rows of `[ho, wo]`, leaving out the junk columns. */
  narrow(src: Float32Array, srcAt: number, rows: number, dst: Float32Array, dstAt: number): void;
}

/**
 * The wide layout where it applies (stride 1, and `wide` allowed) and pays, else the compact
 * one. Wide columns are copied at memory speed, but the output rows (or gradient rows) they
 * meet then need an element-wise copy to drop their junk: worth it when the columns have many
 * more rows (`kc`) than the output (`og`), as in ch09's second convolution (288 vs 32), not its
 * first (27 vs 32; measured).
 */
export function columnsFor(g: ConvGeometry, wide: boolean): Columns {
  const wg = wide && g.kc >= 2 * g.og ? wideGeometry(g) : null;
  return wg === null ? compactColumns(g) : wideColumns(g, wg);
}

/** True when no element is NaN or ±inf (junk columns may then meet zeros safely). */
export function allFinite(x: Float32Array): boolean {
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (v - v !== 0) return false;
  }
  return true;
}

function compactColumns(g: ConvGeometry): Columns {
  const image = new Float64Array(g.c * g.h * g.w);
  const plane = g.h * g.w;
  return {
    width: g.l,
    unfold(x, n, cols, at, groupStride, rowStride) {
      for (let gi = 0; gi < g.groups; gi++) {
        im2col(x, (n * g.c + gi * g.cg) * plane, g, cols, at + gi * groupStride, rowStride);
      }
    },
    fold(cols, at, groupStride, dx, n) {
      image.fill(0);
      for (let gi = 0; gi < g.groups; gi++) {
        col2im(cols, at + gi * groupStride, g.l, g, image, gi * g.cg * plane);
      }
      dx.set(image, n * g.c * plane);
    },
    spread(src, srcAt, rows, dst, dstAt, dstRowStride) {
      for (let r = 0; r < rows; r++) {
        dst.set(src.subarray(srcAt + r * g.l, srcAt + (r + 1) * g.l), dstAt + r * dstRowStride);
      }
    },
    narrow(src, srcAt, rows, dst, dstAt) {
      dst.set(src.subarray(srcAt, srcAt + rows * g.l), dstAt);
    },
  };
}

function wideColumns(g: ConvGeometry, wg: WideGeometry): Columns {
  const groupPlanes = g.cg * wg.hp * wg.wp;
  const padded = g.c * wg.hp * wg.wp;
  const xp = new Float32Array(padded);
  const dxp = new Float64Array(padded);
  const { ho, wo } = g;
  const { wp, width } = wg;
  // without padding the padded plane is the image itself: the runs are read from x in place
  const unpadded = g.ph === 0 && g.pw === 0 && wg.hp === g.h && wp === g.w;
  return {
    width,
    unfold(x, n, cols, at, groupStride, rowStride) {
      const image = n * g.c * g.h * g.w;
      if (!unpadded) padImage(x, image, g, wg, xp);
      const [src, from] = unpadded ? [x, image] : [xp, 0];
      for (let gi = 0; gi < g.groups; gi++) {
        wideIm2col(src, from + gi * groupPlanes, g, wg, cols, at + gi * groupStride, rowStride);
      }
    },
    fold(cols, at, groupStride, dx, n) {
      dxp.fill(0);
      for (let gi = 0; gi < g.groups; gi++) {
        wideCol2im(cols, at + gi * groupStride, width, g, wg, dxp, gi * groupPlanes);
      }
      cropImage(dxp, g, wg, dx, n * g.c * g.h * g.w);
    },
    spread(src, srcAt, rows, dst, dstAt, dstRowStride) {
      for (let r = 0; r < rows; r++) {
        for (let oh = 0; oh < ho; oh++) {
          const from = srcAt + (r * ho + oh) * wo;
          const to = dstAt + r * dstRowStride + oh * wp;
          for (let ow = 0; ow < wo; ow++) dst[to + ow] = src[from + ow] as number;
        }
      }
    },
    narrow(src, srcAt, rows, dst, dstAt) {
      for (let r = 0; r < rows * ho; r++) {
        const from = srcAt + r * wp;
        const to = dstAt + r * wo;
        for (let ow = 0; ow < wo; ow++) dst[to + ow] = src[from + ow] as number;
      }
    },
  };
}
