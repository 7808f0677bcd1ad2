import { contiguousView, type UnaryOp } from '@nabla/backend';
import { RTOL } from '@nabla/backend/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createGpuBackend } from './gpu-backend.js';

const f = Math.fround;

/** erf to double precision (series below 2.5, erfc's continued fraction above). */
function erf(x: number): number {
  const a = Math.abs(x);
  if (a > 6) return Math.sign(x);
  if (a < 2.5) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 100; n++) {
      term *= (-x * x) / n;
      sum += term / (2 * n + 1);
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  let c = a;
  for (let k = 60; k >= 1; k--) c = a + k / 2 / c;
  return Math.sign(x) * (1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / c);
}

/** Each op's double reference and the range of float32 inputs it is checked on. */
const OPS: [UnaryOp, (x: number) => number, number, number][] = [
  ['exp', Math.exp, -87, 88],
  ['log', Math.log, 1e-6, 1e6],
  ['log1p', Math.log1p, -0.999, 1e4],
  ['rsqrt', (x) => 1 / Math.sqrt(x), 1e-6, 1e6],
  ['sin', Math.sin, -100, 100],
  ['cos', Math.cos, -100, 100],
  ['tanh', Math.tanh, -20, 20],
  ['erf', erf, -6, 6],
  ['sigmoid', (x) => 1 / (1 + Math.exp(-x)), -80, 80],
];

/** The largest relative error of `got` against `want` (zeros and infinities skipped). */
function worst(got: ArrayLike<number>, want: readonly number[]): number {
  let w = 0;
  want.forEach((e, i) => {
    if (e !== 0 && Number.isFinite(e))
      w = Math.max(w, Math.abs((got[i] as number) - e) / Math.abs(e));
  });
  return w;
}

// The conformance suite checks a few points per op; these sweep 100,000 float32 inputs per op
// and require the suite's tolerance (RTOL, 1e-6 relative) everywhere.
for (const mode of ['webasm', 'cpu'] as const) {
  describe(`float32 accuracy in ${mode} mode, against doubles`, () => {
    const be = createGpuBackend({ mode });
    afterAll(() => be.destroy());
    const n = 100000;

    for (const [op, ref, lo, hi] of OPS) {
      it(`${op} on [${lo}, ${hi}] within ${RTOL}`, () => {
        const xs = Array.from({ length: n }, (_, i) => f(lo + ((hi - lo) * i) / (n - 1)));
        const x = contiguousView(be.fromValues(xs, 'float32'), [n]);
        expect(
          worst(
            be.readSync(be.unary(op, x)),
            xs.map((v) => f(ref(v))),
          ),
        ).toBeLessThan(RTOL);
      });
    }

    it(`softmax and logSoftmax within ${RTOL}, rows spanning ±20 and rows one value dominates`, () => {
      const rows = 400;
      const cols = 50;
      const xs = Array.from({ length: rows * cols }, (_, i) => {
        const r = Math.floor(i / cols);
        const spread = f(-20 + (40 * ((i * 7919) % 1009)) / 1009);
        return r % 2 === 0 ? spread : i % cols === 0 ? 30 : f(spread / 4);
      });
      const want = { soft: [] as number[], log: [] as number[] };
      for (let r = 0; r < rows; r++) {
        const row = xs.slice(r * cols, (r + 1) * cols);
        const m = Math.max(...row);
        // the sum without the max's own 1, so that log1p keeps its digits when the max
        // dominates (log(1 + 6e-11) in doubles is 4e-6 off)
        const t = row.reduce((acc, v, k) => acc + (k === row.indexOf(m) ? 0 : Math.exp(v - m)), 0);
        for (const v of row) {
          want.soft.push(f(Math.exp(v - m) / (1 + t)));
          want.log.push(f(v - m - Math.log1p(t)));
        }
      }
      const x = contiguousView(be.fromValues(xs, 'float32'), [rows, cols]);
      expect(worst(be.readSync(be.softmax(x, 1)), want.soft)).toBeLessThan(RTOL);
      expect(worst(be.readSync(be.logSoftmax(x, 1)), want.log)).toBeLessThan(RTOL);
    });

    it('a slice holding +inf is NaN throughout, as in PyTorch', () => {
      const x = contiguousView(be.fromValues([1, Infinity, 2, 3, 4, 5], 'float32'), [2, 3]);
      expect(Array.from(be.readSync(be.softmax(x, 1))).slice(0, 3)).toEqual([NaN, NaN, NaN]);
      expect(Array.from(be.readSync(be.logSoftmax(x, 1))).slice(0, 3)).toEqual([NaN, NaN, NaN]);
    });

    it('a long float32 sum is compensated: 10^5 times 0.1 within an ulp of the exact sum', () => {
      const x = contiguousView(be.fromValues(new Array(n).fill(0.1), 'float32'), [n]);
      const exact = f(n * f(0.1));
      const got = be.readSync(be.reduce('sum', x, [0]))[0] as number;
      expect(Math.abs(got - exact)).toBeLessThanOrEqual(exact * 2 ** -23);
    });
  });
}
