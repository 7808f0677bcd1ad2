/**
 * The `Math` functions of kernels in the GL modes (`webgl2`, `webgl`, `headlessgl`). GLSL
 * promises neither IEEE special values nor accuracy for its built-ins, and software GL shows
 * it (measured on SwiftShader in Chromium): `exp(NaN)` is +inf, `log(-1)` is 0 and `log(0)` is
 * -88, `tanh(±inf)` is NaN, `pow(-2, 3)` is 8 and `pow(6, 4)` is 1295.9996, `sin(1e-3)` is off
 * by 1e-4 and `sin(1e-20)` is 0. Kernels are written once, with `Math.*`; in the GL modes the
 * device swaps these calls for the functions below (gpu.js translates them to GLSL), so every
 * mode gives PyTorch's (C's) results: specials exactly, values within a few float32 ulps.
 *
 * Each is a JavaScript function in the subset gpu.js translates (kept as text so that no
 * compiler or bundler rewrites it); `glMathFunctions` are the sources, `lowerToGlMath` the
 * rewrite of a kernel's source.
 */

/** Float32's largest finite value: beyond it a value is ±inf. */
const MAX = '3.4028234663852886e38';

/**
 * Cephes' `sinf` / `cosf` (S. L. Moshier): reduction by multiples of pi/4 in three parts
 * (Cody and Waite; the first two have short mantissas, so `y * DP1`, `y * DP2` are exact), then
 * the polynomial of sin or cos on [-pi/4, pi/4]. Cephes measured a relative error of 1.2e-7 on
 * [-4096, 4096] and 3e-7 on [-8192, 8192]; beyond, the reduction loses digits (the results stay
 * in [-1, 1]). `sin` and `cos` differ only in the quadrant and sign rules. Below |x| = 2^-12,
 * `sin(x)` is x and `cos(x)` is 1 to float32 precision (and sin(-0) stays -0).
 */
const sinCos = (name: string, cos: boolean): string => `function ${name}(x) {
  if (x != x || Math.abs(x) > ${MAX}) {
    return x - x;
  }
  if (Math.abs(x) < 0.000244140625) {
    return ${cos ? '1' : 'x'};
  }
  let sign = 1;
  let a = x;
  if (a < 0) {
    a = -a;
    ${cos ? '' : 'sign = -1;'}
  }
  let j = Math.floor(a * 1.2732395447351628);
  let y = j;
  if (j - 2 * Math.floor(j / 2) == 1) {
    j = j + 1;
    y = y + 1;
  }
  j = j - 8 * Math.floor(j / 8);
  if (j > 3) {
    sign = -sign;
    j = j - 4;
  }
  ${cos ? 'if (j > 1) {\n    sign = -sign;\n  }' : ''}
  const r = ((a - y * 0.78515625) - y * 0.00024187564849853515625) - y * 3.77489497744594108e-8;
  const z = r * r;
  let v = 0;
  if (j == ${cos ? '0 || j == 3' : '1 || j == 2'}) {
    v = ((0.00002443315711809948 * z - 0.001388731625493765) * z + 0.04166664568298827) * z * z - 0.5 * z + 1;
  } else {
    v = ((-0.00019515295891 * z + 0.0083321608736) * z - 0.16666654611) * z * r + r;
  }
  return sign * v;
}`;

/** `exp`: NaN stays NaN (SwiftShader's gives +inf); otherwise the built-in (within 2e-7). */
const EXP = `function glExp(x) {
  if (x != x) {
    return x;
  }
  return Math.exp(x);
}`;

/** `log`: NaN and negative give NaN, ±0 gives -inf, +inf stays; otherwise the built-in. */
const LOG = `function glLog(x) {
  if (x != x || x < 0) {
    return 0 / 0;
  }
  if (x == 0) {
    return -1 / 0;
  }
  if (x > ${MAX}) {
    return x;
  }
  return Math.log(x);
}`;

/**
 * `log1p`: the specials as `log`'s, shifted by one; otherwise Goldberg's `log(u) * x / (u - 1)`
 * with `u = 1 + x` rounded, which cancels u's rounding error (gpu.js's GLSL `log(1 + x)` loses
 * every digit of a small x).
 */
const LOG1P = `function glLog1p(x) {
  if (x != x || x < -1) {
    return 0 / 0;
  }
  if (x == -1) {
    return -1 / 0;
  }
  if (x > ${MAX}) {
    return x;
  }
  const u = 1 + x;
  if (u == 1) {
    return x;
  }
  return Math.log(u) * (x / (u - 1));
}`;

/**
 * `tanh`: ±1 beyond |x| = 9.1 (where float32's tanh is ±1; GLSL's gives NaN at ±inf), x itself
 * below 2^-12, and otherwise `e / (e + 2)` with `e = expm1(2x)`: a Taylor polynomial below
 * |2x| = 1 (no cancellation, as GLSL's `(exp(2x) - 1) / (exp(2x) + 1)` has for small x), `exp - 1`
 * above.
 */
const TANH = `function glTanh(x) {
  if (x != x) {
    return x;
  }
  const a = Math.abs(x);
  if (a > 9.1) {
    return x > 0 ? 1 : -1;
  }
  if (a < 0.000244140625) {
    return x;
  }
  const y = 2 * x;
  let e = 0;
  if (Math.abs(y) < 1) {
    e = y * (1 + y * (0.5 + y * (0.16666666666666666 + y * (0.041666666666666664 + y * (0.008333333333333333 + y * (0.001388888888888889 + y * (0.0001984126984126984 + y * (0.0000248015873015873 + y * (0.0000027557319223985893 + y * (2.755731922398589e-7 + y * 2.505210838544172e-8))))))))));
  } else {
    e = Math.exp(y) - 1;
  }
  return e / (e + 2);
}`;

/**
 * `pow(a, b)` as C's (which PyTorch follows), for what the kernel does not settle first
 * (`a == 1`, `b == 0`, and `a == -1` with `b` infinite give 1 there): NaN in, NaN out; a
 * negative base takes an integer exponent's sign and gives NaN for others; ±0 and ±inf bases
 * and infinite exponents as C99's Annex F. Integer exponents up to 64 by squaring (exact where
 * the result is, as `pow(6, 4)`); others through GLSL's `pow` on |a|.
 */
const POW = `function glPow(a, b) {
  if (a != a || b != b) {
    return a + b;
  }
  const aa = Math.abs(a);
  const ab = Math.abs(b);
  if (ab > ${MAX}) {
    if (aa == 1) {
      return 1;
    }
    if (aa < 1) {
      return b > 0 ? 0 : 1 / 0;
    }
    return b > 0 ? 1 / 0 : 0;
  }
  const whole = Math.floor(b) == b ? 1 : 0;
  let odd = 0;
  if (whole == 1 && ab < 16777216) {
    if (b - 2 * Math.floor(b / 2) != 0) {
      odd = 1;
    }
  }
  if (aa == 0) {
    if (b < 0) {
      return odd == 1 ? 1 / a : 1 / 0;
    }
    return odd == 1 ? a : 0;
  }
  if (aa > ${MAX}) {
    if (a > 0) {
      return b < 0 ? 0 : a;
    }
    if (b < 0) {
      return odd == 1 ? 1 / a : 0;
    }
    return odd == 1 ? a : -a;
  }
  if (a < 0 && whole == 0) {
    return 0 / 0;
  }
  let m = 1;
  if (whole == 1 && ab <= 64) {
    let n = ab;
    let base = aa;
    for (let i = 0; i < 7; i++) {
      if (n > 0) {
        const half = Math.floor(n / 2);
        if (n - 2 * half != 0) {
          m = m * base;
        }
        base = base * base;
        n = half;
      }
    }
    if (b < 0) {
      m = 1 / m;
    }
  } else {
    m = Math.pow(aa, b);
  }
  return (a < 0 && odd == 1) ? -m : m;
}`;

/** The kernel `Math` functions replaced in the GL modes, and by what. */
const REPLACED: Readonly<Record<string, string>> = {
  exp: 'glExp',
  log: 'glLog',
  log1p: 'glLog1p',
  sin: 'glSin',
  cos: 'glCos',
  tanh: 'glTanh',
  pow: 'glPow',
};

/** The sources gpu.js adds to a GL device (`gpu.addFunction`), with their signatures. */
export const glMathFunctions: readonly { source: string; arity: 1 | 2 }[] = [
  { source: EXP, arity: 1 },
  { source: LOG, arity: 1 },
  { source: LOG1P, arity: 1 },
  { source: sinCos('glSin', false), arity: 1 },
  { source: sinCos('glCos', true), arity: 1 },
  { source: TANH, arity: 1 },
  { source: POW, arity: 2 },
];

/**
 * `n / 0` computed at run time, for WGSL: there a division of constants by zero (`0.0 / 0.0`,
 * `1.0 / 0.0`) is a shader compilation error, while a division by a variable gives NaN or ±inf.
 */
const DIV_ZERO = `function glDivZero(n) {
  let z = 0.0;
  return n / z;
}`;

/**
 * A function of {@link glMathFunctions} as WGSL accepts it (the `webgpu` mode): its constant
 * divisions by zero go through `glDivZero`, and `x - x` (NaN from NaN or ±inf), which Mesa's
 * shader compiler folds to 0, becomes NaN outright.
 */
function forWgsl(source: string): string {
  return source
    .replace(/(-?\d+) \/ 0\b/g, 'glDivZero($1)')
    .replace(/return x - x;/g, 'return glDivZero(0);');
}

/**
 * The sources gpu.js adds to a `webgpu` device: {@link glMathFunctions} with their constant
 * NaN and ±inf computed at run time (WGSL promises IEEE specials no more than GLSL does).
 */
export const wgslMathFunctions: readonly { source: string; arity: 1 | 2 }[] = [
  { source: DIV_ZERO, arity: 1 },
  ...glMathFunctions.map(({ source, arity }) => ({ source: forWgsl(source), arity })),
];

/** A kernel's source with its `Math.exp(`, `Math.sin(`, ... calls sent to the GL functions. */
export function lowerToGlMath(source: string): string {
  return source.replace(
    /\bMath\.(exp|log1p|log|sin|cos|tanh|pow)\(/g,
    (_, f: string) => `${REPLACED[f] as string}(`,
  );
}
