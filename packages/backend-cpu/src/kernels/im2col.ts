import type { Conv2dParams, Shape, View } from '@nabla/backend';
import { isContiguousView } from '@nabla/backend';
import type { CpuBuffer } from '../cpu-buffer.js';

/** The sizes of a 2-D convolution, read once from its shapes and parameters. */
export interface ConvGeometry {
  n: number;
  c: number;
  h: number;
  w: number;
  /** Output channels, groups, and their per-group counts `cg = c / groups`, `og = o / groups`. */
  o: number;
  groups: number;
  cg: number;
  og: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  ph: number;
  pw: number;
  dh: number;
  dw: number;
  ho: number;
  wo: number;
  /** Rows of one group's columns, `cg * kh * kw`. */
  kc: number;
  /** Output positions per channel, `ho * wo`. */
  l: number;
}

/** The geometry of `x: [N, C, H, W]` convolved with `weight: [O, C / groups, kH, kW]`. */
export function convGeometry(x: Shape, weight: Shape, p: Conv2dParams): ConvGeometry {
  const [n, c, h, w] = x as [number, number, number, number];
  const [o, cg, kh, kw] = weight as [number, number, number, number];
  const [ho, wo] = p.outSize;
  const { groups } = p;
  const [sh, sw] = p.stride;
  const [ph, pw] = p.padding;
  const [dh, dw] = p.dilation;
  const og = o / groups;
  const kc = cg * kh * kw;
  return { n, c, h, w, o, groups, cg, og, kh, kw, sh, sw, ph, pw, dh, dw, ho, wo, kc, l: ho * wo };
}

/**
 * The elements of a float32 `[N, C, H, W]` view, row-major: the buffer itself (a `subarray`)
 * when the view is contiguous, else one copy in four tight loops (any strides, 0 and negative).
 */
export function dense4d(x: View<CpuBuffer>): Float32Array {
  const data = x.buffer.data as Float32Array;
  const [n, c, h, w] = x.shape as [number, number, number, number];
  const size = n * c * h * w;
  if (isContiguousView(x.shape, x.strides)) return data.subarray(x.offset, x.offset + size);
  const [s0, s1, s2, s3] = x.strides as [number, number, number, number];
  const out = new Float32Array(size);
  let at = 0;
  for (let i0 = 0; i0 < n; i0++) {
    for (let i1 = 0; i1 < c; i1++) {
      for (let i2 = 0; i2 < h; i2++) {
        let from = x.offset + i0 * s0 + i1 * s1 + i2 * s2;
        for (let i3 = 0; i3 < w; i3++, from += s3) out[at++] = data[from] as number;
      }
    }
  }
  return out;
}

/**
 * The output columns `[lo, hi)` whose kernel column `j` reads inside the input (the others
 * read padding): `0 <= ow * sw - pw + j * dw < w`.
 */
function validColumns(g: ConvGeometry, j: number): [lo: number, hi: number] {
  const shift = j * g.dw - g.pw;
  const lo = Math.min(g.wo, Math.max(0, Math.ceil(-shift / g.sw)));
  const hi = Math.min(g.wo, Math.max(lo, Math.floor((g.w - 1 - shift) / g.sw) + 1));
  return [lo, hi];
}

/**
 * Unfolds one image's group of channels into columns: row `(ci * kh + i) * kw + j` of `cols`
 * (rows `rowStride` apart, from `at`) holds, for each output position `(oh, ow)`, the input
 * element that kernel tap `(i, j)` of channel `ci` meets there, or 0 in the padding. Every
 * element of the `kc x l` block is written.
 *
 * x (from `xAt`): [cg, H, W] -> cols: [cg * kh * kw, ho * wo]
 */
export function im2col(
  x: Float32Array,
  xAt: number,
  g: ConvGeometry,
  cols: Float32Array,
  at: number,
  rowStride: number,
): void {
  const { h, w, kh, kw, sh, sw, ph, dh, dw, ho, wo } = g;
  let row = at;
  for (let ci = 0; ci < g.cg; ci++) {
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++, row += rowStride) {
        const [lo, hi] = validColumns(g, j);
        const iw0 = lo * sw - g.pw + j * dw;
        for (let oh = 0; oh < ho; oh++) {
          const d = row + oh * wo;
          const ih = oh * sh - ph + i * dh;
          if (ih < 0 || ih >= h) {
            cols.fill(0, d, d + wo);
            continue;
          }
          const s = xAt + (ci * h + ih) * w;
          for (let ow = 0; ow < lo; ow++) cols[d + ow] = 0;
          for (let ow = lo, iw = s + iw0; ow < hi; ow++, iw += sw) cols[d + ow] = x[iw] as number;
          for (let ow = hi; ow < wo; ow++) cols[d + ow] = 0;
        }
      }
    }
  }
}

/**
 * The adjoint of {@link im2col}: adds each column element back into the input position it
 * was read from (overlapping windows add up; padding positions are dropped).
 *
 * cols (from `at`, rows `rowStride` apart): [cg * kh * kw, ho * wo] -> += dx (from `xAt`): [cg, H, W]
 */
export function col2im(
  cols: Float32Array,
  at: number,
  rowStride: number,
  g: ConvGeometry,
  dx: Float64Array,
  xAt: number,
): void {
  const { h, w, kh, kw, sh, sw, ph, dh, dw, ho, wo } = g;
  let row = at;
  for (let ci = 0; ci < g.cg; ci++) {
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++, row += rowStride) {
        const [lo, hi] = validColumns(g, j);
        const iw0 = lo * sw - g.pw + j * dw;
        for (let oh = 0; oh < ho; oh++) {
          const ih = oh * sh - ph + i * dh;
          if (ih < 0 || ih >= h) continue;
          const d = row + oh * wo;
          const s = xAt + (ci * h + ih) * w;
          for (let ow = lo, iw = s + iw0; ow < hi; ow++, iw += sw) {
            dx[iw] = (dx[iw] as number) + (cols[d + ow] as number);
          }
        }
      }
    }
  }
}
