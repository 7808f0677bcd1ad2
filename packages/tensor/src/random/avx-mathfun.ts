import { fmaf } from './fma.js';

// Lane-by-lane float32 emulation of log256_ps and sincos256_ps from ATen's
// native/cpu/avx_mathfun.h (Cephes polynomials, after Julien Pommier's sse_mathfun), which
// normal_fill_16_AVX2 uses. Every step rounds to float32 as the vector instruction does.
//
// The fused multiply-adds are where GCC contracted a vector multiply and add into one FMA3
// instruction when it built libtorch_cpu's AVX2 kernels (read off the disassembly of Debian's
// PyTorch 1.13.1 build); each rounds once, so they must be fused here too (`fmaf`). Products of
// the form `e * q2` or `z * 0.5` are exact, so fusing them or not gives the same float.

const f = Math.fround;
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

const MIN_NORM_POS = f(1.1754943508222875e-38); // 0x00800000
const SQRTHF = f(Math.SQRT1_2); // 0.707106781186547524 in the C source
const LOG_P = [
  7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1,
  -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
].map(f);
const LOG_P0 = LOG_P[0] as number;
const LOG_Q1 = f(-2.1219444e-4);
const LOG_Q2 = f(0.693359375);

/** Natural logarithm of a float32 as `log256_ps` computes it (NaN for x <= 0). */
export function logAvx2(input: number): number {
  // _mm256_max_ps(x, min) cuts off denormals; it returns its second operand for NaN, as here.
  // biome-ignore lint/complexity/useMathMinMax: Math.max would propagate NaN instead
  let x = input > MIN_NORM_POS ? input : MIN_NORM_POS;
  f32[0] = x;
  const bits = u32[0] as number;
  u32[0] = (bits & ~0x7f800000) | 0x3f000000; // keep the mantissa, exponent of 0.5
  x = f32[0] as number;
  let e = (bits >>> 23) - 0x7f + 1;
  // if (x < SQRTHF) { e -= 1; x = x + x - 1 } else { x = x - 1 }
  const below = x < SQRTHF;
  const tmp = below ? x : 0;
  x = f(x - 1);
  e -= below ? 1 : 0;
  x = f(x + tmp);
  const z = f(x * x);
  let y = LOG_P0;
  for (let k = 1; k < LOG_P.length; k++) y = fmaf(y, x, LOG_P[k] as number);
  y = f(y * x);
  y = fmaf(y, z, f(e * LOG_Q1));
  y = f(y - z * 0.5);
  x = f(x + y);
  x = f(x + e * LOG_Q2);
  return input <= 0 ? Number.NaN : x;
}

const FOPI = f(1.27323954473516); // 4 / pi
const DP1 = f(-0.78515625);
const DP2 = f(-2.4187564849853516e-4);
const DP3 = f(-3.774894977445941e-8); // -3.77489497744594108e-8 in the C source
const SIN_P0 = f(-1.9515295891e-4);
const SIN_P1 = f(8.3321608736e-3);
const SIN_P2 = f(-1.6666654611e-1);
const COS_P0 = f(2.443315711809948e-5);
const COS_P1 = f(-1.388731625493765e-3);
const COS_P2 = f(4.166664568298827e-2);

/** Sine and cosine of a float32 as `sincos256_ps` computes them: out[0] = sin, out[1] = cos. */
export function sincosAvx2(input: number, out: Float64Array): void {
  let sinNegative = input < 0 || Object.is(input, -0);
  let x = Math.abs(input);
  // j = (int(x * 4/pi) + 1) & ~1: the even octant nearest x
  const j = (Math.trunc(f(x * FOPI)) + 1) & ~1;
  const y = j;
  const polyMask = (j & 2) === 0; // true: sine uses the sine polynomial
  sinNegative = sinNegative !== ((j & 4) !== 0);
  const cosNegative = (~(j - 2) & 4) !== 0;
  // Extended precision modular arithmetic: x = ((x - y * DP1) - y * DP2) - y * DP3
  x = fmaf(y, DP1, x);
  x = fmaf(y, DP2, x);
  x = fmaf(y, DP3, x);
  const z = f(x * x);
  // cosine polynomial, for 0 <= x <= pi/4
  let yc = fmaf(COS_P0, z, COS_P1);
  yc = fmaf(z, yc, COS_P2);
  const half = f(z * 0.5);
  yc = f(z * yc);
  yc = fmaf(yc, z, -half);
  yc = f(yc + 1);
  // sine polynomial
  let ys = fmaf(SIN_P0, z, SIN_P1);
  ys = fmaf(z, ys, SIN_P2);
  ys = f(z * ys);
  ys = fmaf(ys, x, x);
  // select with the mask as the vector code does (adding and subtracting the masked-out zeros)
  const ysin2 = polyMask ? ys : 0;
  const ysin1 = polyMask ? 0 : yc;
  const sin = f(ysin1 + ysin2);
  const cos = f(f(yc - ysin1) + f(ys - ysin2));
  out[0] = sinNegative ? -sin : sin;
  out[1] = cosNegative ? -cos : cos;
}
