/**
 * The kernels that hand large operands to WebAssembly SIMD (binary + - * /, addScaled,
 * thresholdBackward) give the same values as their definitions, through the backend, for
 * contiguous, scalar-broadcast and strided operands (wasm/elementwise.test.ts checks the loops).
 */
import type { View } from '@nabla/backend';
import { describe, expect, it } from 'vitest';
import { cpuBackend } from '../cpu-backend.js';
import type { CpuBuffer } from '../cpu-buffer.js';

const N = 5003; // above WASM_MIN_ELEMENTS, not a multiple of 4
const be = cpuBackend();

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function values(seed: number): Float32Array {
  const rand = lcg(seed);
  return Float32Array.from({ length: N }, (_, i) =>
    i % 97 === 0 ? Number.NaN : i % 89 === 0 ? -0 : (rand() - 0.5) * 100,
  );
}

const flat = (d: Float32Array): View<CpuBuffer> => ({
  buffer: be.fromValues(d, 'float32'),
  shape: [N],
  strides: [1],
  offset: 0,
});
const scalar = (v: number): View<CpuBuffer> => ({
  buffer: be.fromValues([v], 'float32'),
  shape: [N],
  strides: [0],
  offset: 0,
});
/** The same values read backwards from a reversed copy (a negative stride). */
const flipped = (d: Float32Array): View<CpuBuffer> => ({
  buffer: be.fromValues(d.slice().reverse(), 'float32'),
  shape: [N],
  strides: [-1],
  offset: N - 1,
});

function expectSame(got: ArrayLike<number>, want: (i: number) => number): void {
  const bad: string[] = [];
  for (let i = 0; i < N; i++) {
    const w = Math.fround(want(i));
    if (!Object.is(got[i], w)) bad.push(`[${i}] want ${w}, got ${got[i]}`);
  }
  expect(bad.slice(0, 5)).toEqual([]);
}

const a = values(1);
const b = values(2);
const OPS = {
  add: (x: number, y: number) => x + y,
  sub: (x: number, y: number) => x - y,
  mul: (x: number, y: number) => x * y,
  div: (x: number, y: number) => x / y,
} as const;

describe('large float32 operands (the WebAssembly SIMD paths)', () => {
  for (const [op, f] of Object.entries(OPS)) {
    it(`${op}: arrays, strided arrays, and a scalar on either side`, () => {
      const k = op as keyof typeof OPS;
      const at = (d: Float32Array) => (i: number) => d[i] as number;
      expectSame(be.readSync(be.binary(k, flat(a), flat(b))), (i) => f(at(a)(i), at(b)(i)));
      expectSame(be.readSync(be.binary(k, flipped(a), flat(b))), (i) => f(at(a)(i), at(b)(i)));
      expectSame(be.readSync(be.binary(k, flat(a), scalar(3))), (i) => f(at(a)(i), 3));
      expectSame(be.readSync(be.binary(k, scalar(3), flat(b))), (i) => f(3, at(b)(i)));
    });
  }

  it('addScaled is a + alpha * b with alpha as float32', () => {
    const s = Math.fround(-0.01);
    const got = be.readSync(be.addScaled?.(flat(a), flipped(b), -0.01) as CpuBuffer);
    expectSame(got, (i) => (a[i] as number) + s * (b[i] as number));
  });

  it('relu is x < 0 ? 0 : x (NaN and -0 stay)', () => {
    // biome-ignore lint/complexity/useMathMinMax: Math.max(-0, 0) is 0; relu keeps -0
    const relu = (v: number) => (v < 0 ? 0 : v);
    expectSame(be.readSync(be.unary('relu', flipped(a))), (i) => relu(a[i] as number));
  });

  it('thresholdBackward is x <= 0 ? 0 : grad', () => {
    const got = be.readSync(be.thresholdBackward?.(flat(a), flipped(b), 0) as CpuBuffer);
    expectSame(got, (i) => ((b[i] as number) <= 0 ? 0 : (a[i] as number)));
  });
});
