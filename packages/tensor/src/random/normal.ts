import { logAvx2, sincosAvx2 } from './avx-mathfun.js';
import { defaultGenerator } from './default-generator.js';
import { normalDouble, uniformFloat01 } from './distributions.js';
import { fmaf } from './fma.js';
import type { Generator } from './generator.js';

const f = Math.fround;
const TWO_PI = f(2 * Math.PI);

/**
 * Fills `out` with normal samples, exactly as PyTorch 1.13's CPU `Tensor.normal_(mean, std)`
 * fills a contiguous float32 tensor; `torch.randn` is `normalFill(out, 0, 1)`. Returns `out`.
 *
 * PyTorch takes one of two paths, and so does this function:
 * - fewer than 16 elements: `at::normal_distribution<double>` per element, which uses the
 *   generator's cached Box–Muller sample and leaves one behind (`nextDoubleNormalSample`);
 * - 16 or more: `normal_fill_AVX2`, the kernel of x86 CPUs with AVX2: fill with float uniforms,
 *   then Box–Muller in float32 on blocks of 16, redrawing the last 16 when 16 does not divide
 *   the size. The cache is neither read nor written.
 *
 * `out` must be the whole tensor: filling it in pieces changes the path and the numbers.
 *
 * Bit-exact against PyTorch 1.13.1 as built by Debian (GCC 12, run with AVX2): the float32 steps
 * of avx_mathfun's log and sincos are replayed, including the multiply-adds the compiler fused.
 * Other builds may differ (other compilers may fuse differently; CPUs without AVX2, e.g. ARM, run
 * a scalar kernel with the C library's logf/sinf/cosf).
 *
 * @example
 * manualSeed(123);
 * normalFill(new Float32Array(12)); // -0.1115, 0.1204, -0.3696, ... as torch.randn(3, 2, 2)
 */
export function normalFill(
  out: Float32Array,
  mean = 0,
  std = 1,
  gen: Generator = defaultGenerator,
): Float32Array {
  if (!(std >= 0)) throw new RangeError(`normalFill: expected std >= 0, got std=${std}`);
  if (out.length >= 16) {
    normalFillAvx2(out, f(mean), f(std), gen);
  } else {
    for (let i = 0; i < out.length; i++) out[i] = normalDouble(gen, mean, std);
  }
  return out;
}

/** `normal_fill_AVX2`: uniforms first, then Box–Muller on each block of 16. */
function normalFillAvx2(data: Float32Array, mean: number, std: number, gen: Generator): void {
  const n = data.length;
  for (let i = 0; i < n; i++) data[i] = uniformFloat01(gen);
  for (let i = 0; i + 16 <= n; i += 16) boxMuller16(data, i, mean, std);
  if (n % 16 !== 0) {
    // Recompute the last 16 values, overlapping the last full block.
    const start = n - 16;
    for (let i = start; i < n; i++) data[i] = uniformFloat01(gen);
    boxMuller16(data, start, mean, std);
  }
}

const sincos = new Float64Array(2);

/**
 * `normal_fill_16_AVX2` on data[at .. at+16): u1 = 1 - data[j], u2 = data[j + 8];
 * data[j] = r cos(2 pi u2) * std + mean and data[j + 8] = r sin(2 pi u2) * std + mean,
 * with r = sqrt(-2 log u1), all in float32 with avx_mathfun's log and sincos.
 */
function boxMuller16(data: Float32Array, at: number, mean: number, std: number): void {
  for (let j = at; j < at + 8; j++) {
    const u1 = f(1 - (data[j] as number));
    const u2 = data[j + 8] as number;
    const radius = f(Math.sqrt(f(-2 * logAvx2(u1))));
    sincosAvx2(f(TWO_PI * u2), sincos);
    data[j] = fmaf(f(radius * (sincos[1] as number)), std, mean);
    data[j + 8] = fmaf(f(radius * (sincos[0] as number)), std, mean);
  }
}
