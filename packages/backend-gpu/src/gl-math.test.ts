import { describe, expect, it } from 'vitest';
import { glMathFunctions, lowerToGlMath } from './gl-math.js';

// The GL replacements run here as plain JavaScript (in doubles, with Math's built-ins in place
// of GLSL's): this checks their logic, the special values and the polynomials' accuracy. Their
// float32 behaviour on a real GL is checked by the conformance suite in headless Chromium
// (src/browser/webgl2-conformance.test.ts).
const fns = Object.fromEntries(
  glMathFunctions.map(({ source }) => {
    const name = /^function (\w+)/.exec(source)?.[1] as string;
    return [name, new Function(`return ${source}`)() as (...args: number[]) => number];
  }),
);
const f = (name: string) => fns[name] as (...args: number[]) => number;

/** C's pow (PyTorch's): Math.pow but for pow(1, y) = 1 and pow(-1, ±inf) = 1. */
const cPow = (a: number, b: number) =>
  a === 1 || b === 0 ? 1 : a === -1 && !Number.isFinite(b) && !Number.isNaN(b) ? 1 : a ** b;
const SPECIALS = [0, -0, 1, -1, 0.5, -0.5, 2, -2, 3, -3, 1e-30, 1e30, Infinity, -Infinity, NaN];
const relErr = (got: number, want: number) =>
  want === 0 ? Math.abs(got) : Math.abs(got - want) / Math.abs(want);

describe('GL math replacements', () => {
  it('sin and cos: Cephes accuracy on [-8192, 8192], NaN for NaN and ±inf, sin(-0) = -0', () => {
    let worst = 0;
    for (let i = 0; i <= 200_000; i++) {
      const x = -8192 + (16384 * i) / 200_000 + 1e-3;
      worst = Math.max(worst, Math.abs(f('glSin')(x) - Math.sin(x)));
      worst = Math.max(worst, Math.abs(f('glCos')(x) - Math.cos(x)));
    }
    expect(worst).toBeLessThan(3e-7);
    for (const x of [1e-3, 1e-10, 1e-20, 0.5, 1, 2, 3, 10]) {
      expect(relErr(f('glSin')(x), Math.sin(x))).toBeLessThan(2e-7);
      expect(relErr(f('glCos')(x), Math.cos(x))).toBeLessThan(2e-7);
    }
    expect(Object.is(f('glSin')(-0), -0)).toBe(true);
    expect(f('glCos')(0)).toBe(1);
    for (const x of [NaN, Infinity, -Infinity]) {
      expect(f('glSin')(x)).toBeNaN();
      expect(f('glCos')(x)).toBeNaN();
    }
  });

  it('exp, log, log1p: IEEE specials; log1p keeps a small x', () => {
    for (const x of SPECIALS) {
      expect(f('glExp')(x)).toBe(Math.exp(x));
      expect(f('glLog')(x)).toBe(Math.log(x));
      const want = Math.log1p(x);
      if (Number.isFinite(want) && want !== 0)
        expect(relErr(f('glLog1p')(x), want)).toBeLessThan(1e-12);
      else expect(f('glLog1p')(x)).toBe(want);
    }
    for (const x of [1e-20, 1e-8, -1e-8, 1e-3, 0.3, -0.9, 5, 1e10]) {
      expect(relErr(f('glLog1p')(x), Math.log1p(x))).toBeLessThan(1e-12);
    }
  });

  it('tanh: ±1 beyond 9.1, accurate near 0 (no cancellation), NaN stays NaN', () => {
    let worst = 0;
    for (let i = -100_000; i <= 100_000; i++) {
      const x = i * 1e-4 + 1e-7;
      worst = Math.max(worst, relErr(f('glTanh')(x), Math.tanh(x)));
    }
    expect(worst).toBeLessThan(3e-8); // below 2^-12, x itself: off by x^2 / 3, under half an ulp
    for (const x of SPECIALS) {
      const want = Math.tanh(x);
      if (Number.isFinite(want) && want !== 0)
        expect(relErr(f('glTanh')(x), want)).toBeLessThan(1e-12);
      else expect(f('glTanh')(x)).toBe(want);
    }
    expect(f('glTanh')(9.2)).toBe(1);
  });

  it("pow: C's results for every pair of special values, integer powers exact", () => {
    for (const a of SPECIALS) {
      for (const b of [...SPECIALS, 4, -4, 0.25, 63, -63, 65, 2 ** 25]) {
        if (a === 1 || b === 0 || (a === -1 && Math.abs(b) === Infinity)) continue; // the kernel's
        const got = f('glPow')(a, b);
        const want = cPow(a, b);
        if (Number.isFinite(want) && want !== 0) expect(relErr(got, want)).toBeLessThan(1e-14);
        else expect(Object.is(got, want), `pow(${a}, ${b}) = ${got}, want ${want}`).toBe(true);
      }
    }
    expect(f('glPow')(6, 4)).toBe(1296);
    expect(f('glPow')(-2, 3)).toBe(-8);
    expect(f('glPow')(-2, 0.5)).toBeNaN();
  });

  it("rewrites a kernel's Math calls to the replacements, and nothing else", () => {
    const src = 'const y = Math.exp(x) + Math.log1p(x) + Math.log(x) + Math.abs(Math.pow(x, 2));';
    expect(lowerToGlMath(src)).toBe(
      'const y = glExp(x) + glLog1p(x) + glLog(x) + Math.abs(glPow(x, 2));',
    );
    expect(lowerToGlMath('Math.sin(a) * Math.cos(a) / Math.tanh(a) + Math.sqrt(a)')).toBe(
      'glSin(a) * glCos(a) / glTanh(a) + Math.sqrt(a)',
    );
  });
});
