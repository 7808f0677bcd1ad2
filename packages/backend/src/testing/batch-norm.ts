import { describe, expect, it } from 'vitest';
import type { BufferLike } from '../backend.js';
import type { View } from '../view.js';
import {
  batchNormBackwardReference,
  batchNormReference,
  batchNormStatsReference,
} from './batch-norm-references.js';
import type { Sums } from './conv-references.js';
import {
  type AnyBackend,
  count,
  cycle,
  f32,
  type GetBackend,
  layouts,
  put,
  readAll,
} from './harness.js';

/**
 * The error allowed, relative to each result's scale (the sum of its terms' magnitudes, see
 * batch-norm-references.ts): 16 float32 roundings. Batch norm divides by a square root, so its
 * results are not exact in float32; a backend computing in float32 rounds a few times per
 * element and keeps its per-channel sums compensated.
 */
const TOL = 2 ** -20;

/** Checks a result buffer against float64 references within {@link TOL} of their scales. */
async function expectNear(be: AnyBackend, buffer: BufferLike, want: Sums): Promise<void> {
  expect(buffer.dtype, 'dtype').toBe('float32');
  expect(buffer.size, 'size').toBe(want.sum.length);
  const got = await readAll(be, buffer);
  const bad: string[] = [];
  want.sum.forEach((e, i) => {
    const a = got[i] as number;
    if (!(Math.abs(a - e) <= TOL * (want.abs[i] as number) + Math.abs(e - f32(e)))) {
      bad.push(`[${i}] ${a} != ${e} (scale ${want.abs[i]})`);
    }
  });
  expect(bad, `elements off by more than ${TOL} of their scale`).toEqual([]);
}

/** Multiples of 1/8 in [-1, 1], shifted by `shift`. */
function grid(size: number, seed: number, shift = 0): number[] {
  return Array.from({ length: size }, (_, i) => (((i * 7 + seed * 5) % 17) - 8) / 8 + shift);
}

interface NormCase {
  name: string;
  shape: number[];
  /** Added to every input (a large mean: the variance must not cancel). */
  shift?: number;
}

const CASES: NormCase[] = [
  { name: 'BatchNorm1d [N, C]', shape: [4, 3] },
  { name: 'BatchNorm1d [N, C, L]', shape: [2, 3, 4] },
  { name: 'BatchNorm2d [N, C, H, W]', shape: [2, 2, 4, 4] },
  { name: 'odd sizes', shape: [3, 2, 5, 3] },
  { name: 'inputs near 100', shape: [1, 2, 3, 3], shift: 100 },
];

/** The optional fused batch norm (statistics, forward, backward), when the backend has it. */
export function batchNormTests(get: GetBackend): void {
  describe('batchNorm (optional)', () => {
    for (const k of CASES) {
      const c = k.shape[1] as number;
      const xv = grid(count(k.shape), 1, k.shift);
      const gv = grid(count(k.shape), 2);
      const stats = batchNormStatsReference(xv, k.shape);
      const mean = stats.mean.sum.map(f32);
      const invstd = stats.variance.sum.map((v) => f32(1 / Math.sqrt(v + 1e-5)));
      const weight = grid(c, 3).map((v) => v + 1.5);
      const bias = grid(c, 4);

      it(`statistics: ${k.name}, every layout`, async (ctx) => {
        const be = get();
        if (!be.batchNormStats) return ctx.skip();
        for (const x of layouts(be, xv, k.shape, 'float32')) {
          const [m, v] = be.batchNormStats(x.view);
          await expectNear(be, m, stats.mean);
          await expectNear(be, v, stats.variance);
        }
      });

      const perChannel = (be: AnyBackend, values: number[]): View<BufferLike>[] =>
        layouts(be, values, [c], 'float32').map((l) => l.view);

      for (const affine of [true, false]) {
        it(`forward: ${k.name}, ${affine ? 'weight and bias' : 'no weight or bias'}, every layout`, async (ctx) => {
          const be = get();
          if (!be.batchNorm) return ctx.skip();
          const [w, b] = affine ? [weight, bias] : [null, null];
          const want = batchNormReference(xv, k.shape, mean, invstd, w, b);
          const [ms, is] = [perChannel(be, mean), perChannel(be, invstd)];
          const [ws, bs] = [perChannel(be, weight), perChannel(be, bias)];
          for (const [i, x] of layouts(be, xv, k.shape, 'float32').entries()) {
            const wv = affine ? cycle(ws, i + 2) : null;
            const bv = affine ? cycle(bs, i + 3) : null;
            const y = be.batchNorm(x.view, cycle(ms, i), cycle(is, i + 1), wv, bv, true);
            await expectNear(be, y, want);
          }
        });
      }

      for (const training of [true, false]) {
        it(`backward (${training ? 'training' : 'evaluation'}): ${k.name}, every layout`, async (ctx) => {
          const be = get();
          if (!be.batchNormBackward) return ctx.skip();
          const want = batchNormBackwardReference(gv, xv, k.shape, mean, invstd, weight, training);
          const [ms, is, ws] = [
            perChannel(be, mean),
            perChannel(be, invstd),
            perChannel(be, weight),
          ];
          const xs = layouts(be, xv, k.shape, 'float32');
          for (const [i, g] of layouts(be, gv, k.shape, 'float32').entries()) {
            const [gx, gw, gb] = be.batchNormBackward(
              g.view,
              cycle(xs, i + 1).view,
              cycle(ms, i),
              cycle(is, i + 1),
              cycle(ws, i + 2),
              training,
            );
            await expectNear(be, gx, want.gx);
            await expectNear(be, gw, want.gw);
            await expectNear(be, gb, want.gb);
          }
        });
      }

      it(`backward without weight: ${k.name}`, async (ctx) => {
        const be = get();
        if (!be.batchNormBackward) return ctx.skip();
        const want = batchNormBackwardReference(gv, xv, k.shape, mean, invstd, null, true);
        const [g, x] = [put(be, gv, k.shape, 'float32'), put(be, xv, k.shape, 'float32')];
        const [m, s] = [put(be, mean, [c], 'float32'), put(be, invstd, [c], 'float32')];
        const [gx, gw, gb] = be.batchNormBackward(g, x, m, s, null, true);
        await expectNear(be, gx, want.gx);
        await expectNear(be, gw, want.gw);
        await expectNear(be, gb, want.gb);
      });
    }
  });
}
