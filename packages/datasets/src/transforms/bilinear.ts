import { fmaf } from '@nabla/tensor';
import { at, blankLike, type Raster } from './raster.js';

const f = Math.fround;

/** Source rows (or columns) and weights of each output position along one axis. */
interface AxisWeights {
  i0: Int32Array;
  i1: Int32Array;
  l0: Float32Array;
  l1: Float32Array;
}

/**
 * PyTorch's `compute_source_index_and_lambda` (ATen/native/UpSample.h) with align_corners false:
 * scale = in / out in float32, the source position scale * (o + 0.5) - 0.5 in double (the CPU
 * accumulate type of float) clamped at 0, the weights back in float32.
 */
function axisWeights(inSize: number, outSize: number): AxisWeights {
  const w: AxisWeights = {
    i0: new Int32Array(outSize),
    i1: new Int32Array(outSize),
    l0: new Float32Array(outSize),
    l1: new Float32Array(outSize),
  };
  const scale = f(inSize / outSize);
  for (let o = 0; o < outSize; o++) {
    if (inSize === outSize) {
      w.i0[o] = o;
      w.i1[o] = o;
      w.l0[o] = 1;
      w.l1[o] = 0;
      continue;
    }
    const real = Math.max(scale * (o + 0.5) - 0.5, 0);
    const i0 = Math.min(Math.trunc(real), inSize - 1);
    const lambda1 = f(real - i0);
    w.i0[o] = i0;
    w.i1[o] = i0 < inSize - 1 ? i0 + 1 : i0;
    w.l1[o] = lambda1;
    w.l0[o] = f(1 - lambda1);
  }
  return w;
}

/**
 * Bilinear resampling of every plane to oh x ow, value for value as PyTorch 1.13's CPU
 * `upsample_bilinear2d` (what torchvision's tensor `resize` runs: align_corners=False, no
 * antialias) computes it in Debian's build, whose two kernels round differently:
 * - several channels (the generic kernel): `t = v0 * lw0 + v1 * lw1` along each of the two
 *   source rows and `t0 * lh0 + t1 * lh1`, each sum a fused multiply-add of the first product;
 * - one channel (the input [1, 1, H, W] is also channels-last contiguous, which picks the
 *   channels-last kernel): the four products with the weights lh * lw, summed in double.
 * Integer rasters (uint8 images, int32 tensors) are computed in float32 and rounded half to even,
 * as torchvision casts them.
 *
 * @param channels - the channels of one image (C of [..., C, H, W]), which picks the kernel
 */
export function resizeBilinear(r: Raster, oh: number, ow: number, channels: number): Raster {
  const out = blankLike(r, oh, ow);
  const ys = axisWeights(r.h, oh);
  const xs = axisWeights(r.w, ow);
  const src = r.data;
  const dst = out.data;
  const round = !(dst instanceof Float32Array || dst instanceof Float64Array);
  const single = channels === 1;
  for (let p = 0; p < r.planes; p++) {
    for (let y = 0; y < oh; y++) {
      const y0 = ys.i0[y] as number;
      const y1 = ys.i1[y] as number;
      const lh0 = ys.l0[y] as number;
      const lh1 = ys.l1[y] as number;
      for (let x = 0; x < ow; x++) {
        const x0 = xs.i0[x] as number;
        const x1 = xs.i1[x] as number;
        const lw0 = xs.l0[x] as number;
        const lw1 = xs.l1[x] as number;
        const v00 = src[at(r, p, y0, x0)] as number;
        const v01 = src[at(r, p, y0, x1)] as number;
        const v10 = src[at(r, p, y1, x0)] as number;
        const v11 = src[at(r, p, y1, x1)] as number;
        let v: number;
        if (single) {
          v = f(v00 * f(lh0 * lw0) + v01 * f(lh0 * lw1) + v10 * f(lh1 * lw0) + v11 * f(lh1 * lw1));
        } else {
          const t0 = fmaf(v00, lw0, f(v01 * lw1));
          const t1 = fmaf(v10, lw0, f(v11 * lw1));
          v = fmaf(t0, lh0, f(t1 * lh1));
        }
        dst[at(out, p, y, x)] = round ? roundHalfEven(v) : v;
      }
    }
  }
  return out;
}

/** Rounds to the nearest integer, ties to even (`torch.round`). */
export function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
