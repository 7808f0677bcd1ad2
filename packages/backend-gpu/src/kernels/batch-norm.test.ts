import type { View } from '@nabla/backend';
import {
  batchNormBackwardReference,
  batchNormReference,
  batchNormStatsReference,
  type Sums,
} from '@nabla/backend/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createGpuBackend } from '../gpu-backend.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import { type Layout, stored, uniform } from './test-views.test.util.js';

const size = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/** 16 float32 roundings of each result's scale, as in the conformance suite. */
const TOL = 2 ** -20;

function expectNear(got: ArrayLike<number>, want: Sums): void {
  expect(got.length).toBe(want.sum.length);
  const bad: string[] = [];
  want.sum.forEach((e, i) => {
    const a = got[i] as number;
    const allowed = TOL * (want.abs[i] as number) + Math.abs(e - Math.fround(e));
    if (!(Math.abs(a - e) <= allowed)) bad.push(`[${i}] ${a} != ${e} (scale ${want.abs[i]})`);
  });
  expect(bad).toEqual([]);
}

interface Case {
  name: string;
  shape: number[];
  /** How x and the gradient are stored. */
  layout: Layout;
}

const CASES: Case[] = [
  // ch10's BatchNorm2d after a convolution, small: NHWC storage, one flipped axis
  {
    name: '[8, 4, 6, 6] stored NHWC, H flipped',
    shape: [8, 4, 6, 6],
    layout: { order: [0, 2, 3, 1], flip: [2], offset: 3 },
  },
  // BatchNorm1d after a linear layer: [N, C] stored transposed
  { name: '[32, 5] stored transposed', shape: [32, 5], layout: { order: [1, 0] } },
  { name: '[3, 6, 7] contiguous', shape: [3, 6, 7], layout: { order: [0, 1, 2] } },
];

for (const mode of ['webasm', 'cpu'] as const) {
  describe(`batch norm, gpu.js ${mode}`, () => {
    const be = createGpuBackend({ mode });
    afterAll(() => be.destroy());
    const put = (v: number[], shape: number[], layout: Layout): View<GpuBuffer> =>
      stored(be, v, shape, 'float32', layout) as View<GpuBuffer>;

    for (const k of CASES) {
      const c = k.shape[1] as number;
      // each channel has its own offset and spread, as activations do
      const xv = uniform(size(k.shape), 1).map((v, i) => {
        const ch = Math.floor(i / size(k.shape.slice(2))) % c;
        return Math.fround(v * (ch + 1) + 3 * ch);
      });
      const gv = uniform(size(k.shape), 2);
      const wv = uniform(c, 3);
      const bv = uniform(c, 4);
      const stats = batchNormStatsReference(xv, k.shape);
      const mean = stats.mean.sum.map(Math.fround);
      const invstd = stats.variance.sum.map((v) => Math.fround(1 / Math.sqrt(v + 1e-5)));
      const perChannel = (v: number[]) => put(v, [c], { order: [0], flip: [0], offset: 1 });

      it(`statistics: ${k.name}`, () => {
        const [m, v] = be.batchNormStats(put(xv, k.shape, k.layout));
        expectNear(be.readSync(m), stats.mean);
        expectNear(be.readSync(v), stats.variance);
      });

      it(`forward: ${k.name}`, () => {
        const want = batchNormReference(xv, k.shape, mean, invstd, wv, bv);
        const y = be.batchNorm(
          put(xv, k.shape, k.layout),
          perChannel(mean),
          perChannel(invstd),
          perChannel(wv),
          perChannel(bv),
          true,
        );
        expectNear(be.readSync(y), want);
      });

      for (const training of [true, false]) {
        it(`backward (${training ? 'training' : 'evaluation'}): ${k.name}`, () => {
          const want = batchNormBackwardReference(gv, xv, k.shape, mean, invstd, wv, training);
          const [gx, gw, gb] = be.batchNormBackward(
            put(gv, k.shape, k.layout),
            put(xv, k.shape, k.layout),
            perChannel(mean),
            perChannel(invstd),
            perChannel(wv),
            training,
          );
          expectNear(be.readSync(gx), want.gx);
          expectNear(be.readSync(gw), want.gw);
          expectNear(be.readSync(gb), want.gb);
        });
      }
    }

    it('counts its buffers exactly: the dense copies are freed, tidy leaves what it returns', () => {
      const k = CASES[0] as Case;
      const c = k.shape[1] as number;
      const before = be.memory();
      const kept = be.tidy(() => {
        const x = put(uniform(size(k.shape), 1), k.shape, k.layout);
        const g = put(uniform(size(k.shape), 2), k.shape, k.layout);
        const [m, v] = be.batchNormStats(x);
        const one = (b: GpuBuffer) => ({ buffer: b, shape: [c], strides: [1], offset: 0 });
        be.batchNorm(x, one(m), one(v), null, null, true);
        return be.batchNormBackward(g, x, one(m), one(v), null, true)[0];
      });
      expect(be.memory()).toEqual({
        buffers: before.buffers + 1,
        bytes: before.bytes + 4 * size(k.shape),
      });
      be.dispose(kept);
      expect(be.memory()).toEqual(before);
    });

    it('runs in the mode asked for (no gpu.js fallback to its cpu backend)', () => {
      expect(be.kernels().fallbacks).toEqual([]);
    });
  });
}
