import { describe, expect, it } from 'vitest';
import type { ReduceOp } from '../ops.js';
import type { Shape } from '../shape.js';
import { contiguousStrides } from '../shape.js';
import { count, expectBuffer, f32, type GetBackend, layouts, put, view } from './harness.js';

const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;

const FOLD: Record<ReduceOp, { init: number; f: (acc: number, x: number) => number }> = {
  sum: { init: 0, f: (s, x) => s + x },
  prod: { init: 1, f: (p, x) => p * x },
  max: { init: -INF, f: (m, x) => (Number.isNaN(m) || Number.isNaN(x) ? NAN : Math.max(m, x)) },
  min: { init: INF, f: (m, x) => (Number.isNaN(m) || Number.isNaN(x) ? NAN : Math.min(m, x)) },
};

/** The suite's reference reduction (keep-dims), in doubles, rounded to float32 once. */
export function referenceReduce(
  op: ReduceOp,
  values: readonly number[],
  shape: Shape,
  axes: readonly number[],
): number[] {
  const outShape = shape.map((s, d) => (axes.includes(d) ? 1 : s));
  const outStrides = contiguousStrides(outShape);
  const acc = new Array<number>(count(outShape)).fill(FOLD[op].init);
  const idx = new Array<number>(shape.length).fill(0);
  for (const x of values) {
    let o = 0;
    idx.forEach((k, d) => {
      if (!axes.includes(d)) o += k * (outStrides[d] as number);
    });
    acc[o] = FOLD[op].f(acc[o] as number, x);
    for (let d = shape.length - 1; d >= 0; d--) {
      idx[d] = (idx[d] as number) + 1;
      if ((idx[d] as number) < (shape[d] as number)) break;
      idx[d] = 0;
    }
  }
  return acc.map(f32);
}

/** [2, 3, 4] powers of two with signs: every sum and product is exact in float32, in any order. */
const X = [
  1, -2, 0.5, 4, -0.25, 2, -1, 8, 0.5, 1, -4, 2, 0.25, -0.5, 1, 2, -8, 4, 1, -1, 0.5, 2, -2, 0.25,
];
const SHAPE = [2, 3, 4];
const AXES: readonly (readonly number[])[] = [[0], [1], [2], [0, 2], [1, 2], [0, 1], [0, 1, 2], []];

/** reduce over one, several, all and no axes, on every layout and dtype. */
export function reduceTests(get: GetBackend): void {
  describe('reduce', () => {
    for (const op of ['sum', 'prod', 'max', 'min'] as const) {
      for (const axes of AXES) {
        it(`${op} over [${axes.join(', ')}] of [2, 3, 4] float32, every layout`, async () => {
          const be = get();
          const want = referenceReduce(op, X, SHAPE, axes);
          for (const { view: v } of layouts(be, X, SHAPE, 'float32')) {
            await expectBuffer(be, be.reduce(op, v, axes), 'float32', want);
          }
        });
      }

      it(`${op} of a stride-0 broadcast view and of a scalar`, async () => {
        const be = get();
        // [3, 2] reading the row [1.5, -2] three times
        const v = view(be.fromValues([1.5, -2], 'float32'), [3, 2], [0, 1]);
        const vals = [1.5, -2, 1.5, -2, 1.5, -2];
        for (const axes of [[0], [1], [0, 1]]) {
          const want = referenceReduce(op, vals, [3, 2], axes);
          await expectBuffer(be, be.reduce(op, v, axes), 'float32', want);
        }
        await expectBuffer(be, be.reduce(op, put(be, [-3], [], 'float32'), []), 'float32', [-3]);
      });
    }

    it('sum and prod of an empty axis give 0 and 1; an empty result is empty', async () => {
      const be = get();
      const e = view(be.zeros(0, 'float32'), [2, 0]);
      await expectBuffer(be, be.reduce('sum', e, [1]), 'float32', [0, 0]);
      await expectBuffer(be, be.reduce('prod', e, [1]), 'float32', [1, 1]);
      await expectBuffer(be, be.reduce('sum', e, [0]), 'float32', []);
      await expectBuffer(be, be.reduce('max', e, [0]), 'float32', []);
      await expectBuffer(be, be.reduce('sum', e, [0, 1]), 'float32', [0]);
    });

    // torch 1.13.1: torch.tensor([1., nan, 3.]).max() is nan, .min() is nan, .sum() is nan
    it('NaN propagates through sum, prod, max and min', async () => {
      const be = get();
      const x = put(be, [1, NAN, 3, INF, NAN, -INF, 2, 4, -1], [3, 3], 'float32');
      for (const op of ['sum', 'prod', 'max', 'min'] as const) {
        const last = { sum: 5, prod: -8, max: 4, min: -1 }[op];
        await expectBuffer(be, be.reduce(op, x, [1]), 'float32', [NAN, NAN, last]);
      }
      await expectBuffer(be, be.reduce('max', x, [0]), 'float32', [INF, NAN, 3]);
    });

    it('max of ±inf rows gives ±inf; sum of inf and -inf is NaN', async () => {
      const be = get();
      const x = put(be, [-INF, -INF, INF, -INF], [2, 2], 'float32');
      await expectBuffer(be, be.reduce('max', x, [1]), 'float32', [-INF, INF]);
      await expectBuffer(be, be.reduce('sum', x, [1]), 'float32', [-INF, NAN]);
    });

    // torch 1.13.1: torch.tensor([2147483647, 1], dtype=torch.int32).sum(dtype=torch.int32)
    // is -2147483648; [65536, 65536, 3].prod(dtype=torch.int32) is 0.
    it('int32 sum and prod wrap as C int32; max and min keep int32', async () => {
      const be = get();
      const x = put(be, [2147483647, 1, 65536, 65536, -2147483648, -1], [3, 2], 'int32');
      await expectBuffer(be, be.reduce('sum', x, [1]), 'int32', [-2147483648, 131072, 2147483647]);
      await expectBuffer(be, be.reduce('prod', x, [1]), 'int32', [2147483647, 0, -2147483648]);
      await expectBuffer(be, be.reduce('max', x, [0, 1]), 'int32', [2147483647]);
      await expectBuffer(be, be.reduce('max', x, [1]), 'int32', [2147483647, 65536, -1]);
      await expectBuffer(be, be.reduce('min', x, [1]), 'int32', [1, 65536, -2147483648]);
      await expectBuffer(be, be.reduce('min', x, [0]), 'int32', [-2147483648, -1]);
      const t = view(be.fromValues([1, 2, 3, 4, 5, 6], 'int32'), [3, 2], [1, 3]); // transposed
      await expectBuffer(be, be.reduce('sum', t, [0]), 'int32', [6, 15]);
      await expectBuffer(be, be.reduce('prod', t, [1]), 'int32', [4, 10, 18]);
    });

    // torch 1.13.1: torch.tensor([[True, False], [False, False]]).amax(1) is [True, False],
    // .amin(1) is [False, False]
    it('max and min of bool are any and all, and stay bool', async () => {
      const be = get();
      const x = put(be, [1, 0, 0, 0, 1, 1], [3, 2], 'bool');
      await expectBuffer(be, be.reduce('max', x, [1]), 'bool', [1, 0, 1]);
      await expectBuffer(be, be.reduce('min', x, [1]), 'bool', [0, 0, 1]);
      await expectBuffer(be, be.reduce('max', x, [0]), 'bool', [1, 1]);
    });

    it('keeps reduced axes as size 1 (the result has the kept shape row-major)', async () => {
      const be = get();
      const x = put(be, [1, 2, 3, 4, 5, 6], [2, 1, 3], 'float32');
      const out = be.reduce('sum', x, [0]);
      expect(out.size).toBe(3);
      await expectBuffer(be, out, 'float32', [5, 7, 9]);
    });
  });
}
