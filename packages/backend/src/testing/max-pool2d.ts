import { describe, expect, it } from 'vitest';
import type { Pool2dParams } from '../backend.js';
import { maxPool2dBackwardReference, maxPool2dReference, type Shape4 } from './conv-references.js';
import { count, cycle, expectBuffer, f32, type GetBackend, layouts, put } from './harness.js';

const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;

/** Multiples of 1/8 below 2 in size (sums of a few of them are exact in float32). */
function grid(size: number, seed: number): number[] {
  return Array.from({ length: size }, (_, i) => (((i * 7 + seed * 11) % 29) - 14) / 8);
}

interface PoolCase {
  name: string;
  x: Shape4;
  values: (size: number) => number[];
  kernel: [number, number];
  stride?: [number, number];
  padding?: [number, number];
  dilation?: [number, number];
  ceilMode?: boolean;
}

/** The parameters of a case, with PyTorch's output size (its ceil-mode rule included). */
function paramsOf(c: PoolCase): Pool2dParams {
  const stride = c.stride ?? c.kernel;
  const padding = c.padding ?? [0, 0];
  const dilation = c.dilation ?? [1, 1];
  const size = (d: 0 | 1): number => {
    const h = c.x[d + 2] as number;
    const room = h + 2 * padding[d] - dilation[d] * (c.kernel[d] - 1) - 1;
    const round = c.ceilMode ? Math.ceil : Math.floor;
    const out = round(room / stride[d]) + 1;
    // the last window must start inside the input or its left padding
    return c.ceilMode && (out - 1) * stride[d] >= h + padding[d] ? out - 1 : out;
  };
  return { kernel: c.kernel, stride, padding, dilation, outSize: [size(0), size(1)] };
}

const CASES: PoolCase[] = [
  {
    name: 'batch 2, odd sizes, 3x3 stride 2 padding 1, all negative (padding never wins)',
    x: [2, 3, 7, 5],
    values: (n) => grid(n, 1).map((v) => -Math.abs(v) - 1),
    kernel: [3, 3],
    stride: [2, 2],
    padding: [1, 1],
  },
  {
    name: 'ties everywhere (the first maximum wins), overlapping 2x3 windows',
    x: [2, 2, 5, 6],
    values: (n) => Array.from({ length: n }, (_, i) => (i * 5) % 3),
    kernel: [2, 3],
    stride: [1, 2],
  },
  {
    name: 'ceil mode: the last windows hang over the bottom / right',
    x: [1, 2, 5, 7],
    values: (n) => grid(n, 2),
    kernel: [2, 2],
    ceilMode: true,
  },
  {
    name: 'dilation 2, padding 2',
    x: [1, 2, 7, 6],
    values: (n) => grid(n, 3),
    kernel: [3, 2],
    stride: [1, 1],
    padding: [2, 1],
    dilation: [2, 2],
  },
  {
    name: 'NaN counts as the maximum; inf and -inf',
    x: [1, 1, 3, 4],
    values: () => [1, NAN, 5, -INF, 2, 3, 4, 7, -1, INF, 0, NAN],
    kernel: [2, 2],
    stride: [1, 1],
  },
  {
    name: 'all -inf: the first position inside the input',
    x: [1, 1, 3, 3],
    values: (n) => new Array<number>(n).fill(-INF),
    kernel: [3, 3],
    stride: [2, 2],
    padding: [1, 1],
  },
];

/** The optional fused maxPool2d and its gradient, when the backend has them. */
export function maxPool2dTests(get: GetBackend): void {
  describe('maxPool2d (optional)', () => {
    it('[1, 1, 4, 4], 2x2 stride 2, by hand', async (ctx) => {
      const be = get();
      if (!be.maxPool2d) return ctx.skip();
      const x = [3, 1, 0, 2, 4, 1, 7, 7, 0, 0, 5, 6, -1, 8, 6, 5];
      const p: Pool2dParams = {
        kernel: [2, 2],
        stride: [2, 2],
        padding: [0, 0],
        dilation: [1, 1],
        outSize: [2, 2],
      };
      const [values, indices] = be.maxPool2d(put(be, x, [1, 1, 4, 4], 'float32'), p);
      await expectBuffer(be, values, 'float32', [4, 7, 8, 6]);
      await expectBuffer(be, indices, 'int32', [4, 6, 13, 11]);
    });

    for (const c of CASES) {
      const p = paramsOf(c);
      const xv = c.values(count(c.x));
      const want = maxPool2dReference(xv, c.x, p);
      const yShape: Shape4 = [c.x[0], c.x[1], ...p.outSize];

      it(`forward: ${c.name}, every layout`, async (ctx) => {
        const be = get();
        if (!be.maxPool2d) return ctx.skip();
        for (const { view } of layouts(be, xv, c.x, 'float32')) {
          const [values, indices] = be.maxPool2d(view, p);
          await expectBuffer(be, values, 'float32', want.values);
          await expectBuffer(be, indices, 'int32', want.indices);
        }
      });

      it(`backward: ${c.name}, every layout`, async (ctx) => {
        const be = get();
        if (!be.maxPool2dBackward) return ctx.skip();
        const gv = grid(count(yShape), 5);
        const dx = maxPool2dBackwardReference(gv, want.indices, c.x, p.outSize).map(f32);
        const is = layouts(be, want.indices, yShape, 'int32');
        for (const [i, g] of layouts(be, gv, yShape, 'float32').entries()) {
          const got = be.maxPool2dBackward(g.view, cycle(is, i + 1).view, c.x, p);
          await expectBuffer(be, got, 'float32', dx);
        }
      });
    }

    it('backward: overlapping windows that chose one position add up', async (ctx) => {
      const be = get();
      if (!be.maxPool2dBackward) return ctx.skip();
      // a 3x3 window at stride 1 over [1, 1, 4, 4]: every window holds the 9 at (1, 2)
      const x = [0, 1, 2, 0, 3, 4, 9, 1, 2, 1, 0, 2, 1, 0, 3, 1];
      const p: Pool2dParams = {
        kernel: [3, 3],
        stride: [1, 1],
        padding: [0, 0],
        dilation: [1, 1],
        outSize: [2, 2],
      };
      const indices = put(be, [6, 6, 6, 6], [1, 1, 2, 2], 'int32');
      const g = put(be, [1, 2, 4, 8], [1, 1, 2, 2], 'float32');
      const want = new Array<number>(16).fill(0);
      want[6] = 15;
      expect(maxPool2dReference(x, [1, 1, 4, 4], p).indices).toEqual([6, 6, 6, 6]);
      await expectBuffer(be, be.maxPool2dBackward(g, indices, [1, 1, 4, 4], p), 'float32', want);
    });
  });
}
