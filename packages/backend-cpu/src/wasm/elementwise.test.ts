import { describe, expect, it } from 'vitest';
import { type ArithOp, WasmElementwise } from './elementwise.js';

/** A small deterministic generator (tests must not depend on Math.random). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SPECIALS = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, 1e-40];

/** Random float32 values over many magnitudes, with NaN, ±inf, ±0 and subnormals among them. */
function values(n: number, seed: number): Float32Array {
  const rand = lcg(seed);
  return Float32Array.from({ length: n }, () =>
    rand() < 0.1
      ? (SPECIALS[Math.floor(rand() * SPECIALS.length)] as number)
      : (rand() - 0.5) * 10 ** Math.floor(rand() * 12 - 6),
  );
}

/** Element by element with Object.is (NaN equals NaN, 0 and -0 differ). */
function expectSame(got: Float32Array, want: Float32Array): void {
  expect(got.length).toBe(want.length);
  const bad: string[] = [];
  want.forEach((w, i) => {
    if (!Object.is(got[i], w)) bad.push(`[${i}] want ${w}, got ${got[i]}`);
  });
  expect(bad.slice(0, 5)).toEqual([]);
}

const JS: Record<ArithOp, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
};

describe('WasmElementwise', () => {
  const w = WasmElementwise.create() as WasmElementwise;

  it('exists where WebAssembly does', () => {
    expect(w).not.toBeNull();
  });

  for (const n of [1, 3, 4, 5, 2049, 10_001]) {
    it(`gives the JavaScript loops' bits for +, -, *, / (n = ${n}, arrays and scalars)`, () => {
      const a = values(n, n);
      const b = values(n, n + 1);
      const s = Math.fround(-0.37);
      for (const op of ['add', 'sub', 'mul', 'div'] as const) {
        const f = JS[op];
        expectSame(
          w.arith(op, a, b, n),
          Float32Array.from(a, (x, i) => f(x, b[i] as number)),
        );
        expectSame(
          w.arith(op, a, s, n),
          Float32Array.from(a, (x) => f(x, s)),
        );
        expectSame(
          w.arith(op, s, b, n),
          Float32Array.from(b, (y) => f(s, y)),
        );
      }
    });

    it(`axpy rounds a + s * b once, as the JavaScript loop (n = ${n})`, () => {
      const a = values(n, 2 * n);
      const b = values(n, 2 * n + 1);
      for (const s of [Math.fround(-0.1), 3, 0]) {
        expectSame(
          w.axpy(a, b, s, n),
          Float32Array.from(a, (x, i) => x + s * (b[i] as number)),
        );
      }
    });

    it(`threshold is x <= t ? 0 : g, NaN passing g on (n = ${n})`, () => {
      const g = values(n, 3 * n);
      const x = values(n, 3 * n + 1);
      for (const t of [0, 0.5]) {
        expectSame(
          w.threshold(g, x, t, n),
          Float32Array.from(g, (v, i) => ((x[i] as number) <= t ? 0 : v)),
        );
      }
    });
  }

  it('relu clears the lanes below 0 only (NaN and -0 stay)', () => {
    for (const n of [1, 5, 2049]) {
      const x = values(n, 4 * n);
      // biome-ignore lint/complexity/useMathMinMax: Math.max(-0, 0) is 0; relu keeps -0
      const relu = (v: number) => (v < 0 ? 0 : v);
      expectSame(w.relu(x, n), Float32Array.from(x, relu));
    }
  });

  it('reads subarrays at any offset', () => {
    const big = values(100, 9);
    const a = big.subarray(3, 50);
    const b = big.subarray(50, 97);
    expectSame(
      w.arith('add', a, b, 47),
      Float32Array.from(a, (x, i) => x + (b[i] as number)),
    );
  });
});
