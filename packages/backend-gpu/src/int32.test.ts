import { type BinaryOp, castScalar, contiguousView, type UnaryOp, type View } from '@nabla/backend';
import { afterAll, describe, expect, it } from 'vitest';
import { createGpuBackend } from './gpu-backend.js';
import type { GpuBuffer } from './gpu-buffer.js';

/** A seeded generator (mulberry32): tests never call Math.random. */
function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EDGES = [
  0, 1, -1, 2, -2, 255, 256, 65535, 65536, -65536, 65537, 16777215, 16777216, 16777217, -16777217,
  46341, -46341, 1073741824, 2147483647, -2147483647, -2147483648,
];

/** `n` int32 values: the edge cases, then uniform over the whole range. */
function ints(n: number, seed: number): number[] {
  const random = generator(seed);
  return Array.from({ length: n }, (_, i) =>
    i < EDGES.length ? (EDGES[i] as number) : Math.floor(random() * 4294967296) | 0,
  );
}

/** int32 power by repeated squaring with 32-bit wrapping products (negative b: truncated). */
function powInt32(a: number, b: number): number {
  if (b < 0) return Math.trunc(a ** b) | 0;
  let r = 1;
  let base = a;
  for (let e = b; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) r = Math.imul(r, base);
    base = Math.imul(base, base);
  }
  return r;
}

const divTrunc = (a: number, b: number): number =>
  b === 0 ? 0 : Number(BigInt.asIntN(32, BigInt(a) / BigInt(b)));

const BINARY: Partial<Record<BinaryOp, (a: number, b: number) => number>> = {
  add: (a, b) => (a + b) | 0,
  sub: (a, b) => (a - b) | 0,
  mul: Math.imul,
  div: divTrunc,
  maximum: Math.max,
  minimum: Math.min,
  eq: (a, b) => (a === b ? 1 : 0),
  lt: (a, b) => (a < b ? 1 : 0),
  ge: (a, b) => (a >= b ? 1 : 0),
};

const UNARY: Partial<Record<UnaryOp, (a: number) => number>> = {
  neg: (a) => -a | 0,
  abs: (a) => Math.abs(a) | 0,
  sign: (a) => Math.sign(a),
  relu: (a) => Math.max(a, 0),
};

// int32 is stored and computed as two 16-bit limbs: every result must be exact, in float32
// (webasm) as in doubles (cpu), over the whole range.
for (const mode of ['webasm', 'cpu'] as const) {
  describe(`int32 is exact in ${mode} mode`, () => {
    const be = createGpuBackend({ mode });
    afterAll(() => be.destroy());
    const put = (values: number[]): View<GpuBuffer> =>
      contiguousView(be.fromValues(values, 'int32'), [values.length]);
    const n = 2000;
    const a = ints(n, 1);
    const b = ints(n, 2).reverse();

    for (const [op, ref] of Object.entries(BINARY) as [
      BinaryOp,
      (a: number, b: number) => number,
    ][]) {
      it(`${op} of ${n} pairs, edge cases and uniform`, () => {
        const got = Array.from(be.readSync(be.binary(op, put(a), put(b))));
        expect(got).toEqual(a.map((x, i) => ref(x, b[i] as number)));
      });
    }

    it('pow with exponents from 0 to 2^31 - 1, and negative ones', () => {
      const random = generator(3);
      const exps = a.map((_, i) =>
        i % 3 === 0
          ? Math.floor(random() * 40)
          : i % 3 === 1
            ? Math.floor(random() * 2147483648)
            : -(i % 5),
      );
      const got = Array.from(be.readSync(be.binary('pow', put(a), put(exps))));
      expect(got).toEqual(a.map((x, i) => powInt32(x, exps[i] as number)));
    });

    for (const [op, ref] of Object.entries(UNARY) as [UnaryOp, (a: number) => number][]) {
      it(`${op}`, () => {
        expect(Array.from(be.readSync(be.unary(op, put(a))))).toEqual(a.map(ref));
      });
    }

    it('casts float32 -> int32 (truncate, wrap; NaN and inf give 0) and int32 -> float32', () => {
      const random = generator(4);
      const floats = Array.from({ length: n }, () =>
        Math.fround((random() - 0.5) * 2 ** Math.floor(random() * 70)),
      );
      floats.push(
        Number.NaN,
        Infinity,
        -Infinity,
        2 ** 31,
        -(2 ** 31),
        2 ** 32 + 2 ** 9,
        3e38,
        -0.5,
      );
      const x = contiguousView(be.fromValues(floats, 'float32'), [floats.length]);
      const got = Array.from(be.readSync(be.cast(x, 'int32')));
      expect(got).toEqual(floats.map((v) => castScalar(v, 'int32')));
      expect(Array.from(be.readSync(be.cast(put(a), 'float32')))).toEqual(a.map(Math.fround));
    });

    it('sum and prod wrap, max / argmax tell 2^30 + 1 from 2^30', () => {
      const rows = 40;
      const cols = n / rows;
      const x = contiguousView(be.fromValues(a, 'int32'), [rows, cols]);
      const sums: number[] = [];
      const prods: number[] = [];
      for (let r = 0; r < rows; r++) {
        const row = a.slice(r * cols, (r + 1) * cols);
        sums.push(row.reduce((s, v) => (s + v) | 0, 0));
        prods.push(row.reduce((p, v) => Math.imul(p, v | 1), 1));
      }
      expect(Array.from(be.readSync(be.reduce('sum', x, [1])))).toEqual(sums);
      const odd = contiguousView(
        be.fromValues(
          a.map((v) => v | 1),
          'int32',
        ),
        [rows, cols],
      );
      expect(Array.from(be.readSync(be.reduce('prod', odd, [1])))).toEqual(prods);
      const close = put([1073741824, 1073741825, 1073741824]);
      expect(Array.from(be.readSync(be.argReduce('argmax', close, 0)))).toEqual([1]);
      expect(Array.from(be.readSync(be.reduce('max', close, [0])))).toEqual([1073741825]);
    });

    it('gather, scatter_add, where and assign keep every bit', () => {
      const x = put([16777217, -2147483648, 2147483647, 123456789]);
      const idx = contiguousView(be.fromValues([3, 0, 2, 1], 'int32'), [4]);
      expect(Array.from(be.readSync(be.gather(x, 0, idx)))).toEqual([
        123456789, 16777217, 2147483647, -2147483648,
      ]);
      const sum = be.scatter(x, 0, put([0, 0]), put([2147483647, 2]), true);
      // 16777217 + 2147483647 + 2 wraps to 16777217 - 2^31 + 1
      expect(Array.from(be.readSync(sum))).toEqual([
        -2130706430, -2147483648, 2147483647, 123456789,
      ]);
      const cond = contiguousView(be.fromValues([1, 0, 1, 0], 'bool'), [4]);
      const w = be.where(cond, x, put([-1, -16777217, -1, -3]));
      expect(Array.from(be.readSync(w))).toEqual([16777217, -16777217, 2147483647, -3]);
      be.assign({ ...x, shape: [2], strides: [2], offset: 1 }, put([7, 16777219]));
      expect(Array.from(be.readSync(x.buffer))).toEqual([16777217, 7, 2147483647, 16777219]);
    });
  });
}
