import { describe, it } from 'vitest';
import type { Conv2dParams } from '../backend.js';
import {
  conv2dBackwardInputReference,
  conv2dBackwardWeightReference,
  conv2dReference,
  type Shape4,
} from './conv-references.js';
import { count, cycle, expectBuffer, f32, type GetBackend, layouts, put } from './harness.js';

/**
 * Values that are multiples of 1/8 below 2 in size: every product is a multiple of 1/64 and
 * every sum here stays far below 2^24 / 64, so float32 adds them exactly in any order and a
 * backend's result must equal the float64 reference (as in matmul.ts).
 */
function grid(size: number, seed: number): number[] {
  return Array.from({ length: size }, (_, i) => (((i * 7 + seed * 11) % 29) - 14) / 8);
}

interface ConvCase {
  name: string;
  x: Shape4;
  w: Shape4;
  bias: boolean;
  stride?: [number, number];
  padding?: [number, number];
  dilation?: [number, number];
  groups?: number;
  /** Extra output rows / columns beyond what the symmetric padding gives. */
  extra?: [number, number];
}

/** The parameters of a case, with PyTorch's output size (plus any extra). */
function paramsOf(c: ConvCase): Conv2dParams {
  const stride = c.stride ?? [1, 1];
  const padding = c.padding ?? [0, 0];
  const dilation = c.dilation ?? [1, 1];
  const size = (d: 0 | 1): number => {
    const span = dilation[d] * ((c.w[d + 2] as number) - 1) + 1;
    const rows = Math.floor(((c.x[d + 2] as number) + 2 * padding[d] - span) / stride[d]) + 1;
    return rows + (c.extra?.[d] ?? 0);
  };
  return { stride, padding, dilation, groups: c.groups ?? 1, outSize: [size(0), size(1)] };
}

const CASES: ConvCase[] = [
  { name: 'batch 1, 3x3, bias', x: [1, 2, 5, 5], w: [3, 2, 3, 3], bias: true },
  {
    name: 'batch 2, odd sizes, padding 1',
    x: [2, 3, 7, 6],
    w: [4, 3, 3, 3],
    bias: false,
    padding: [1, 1],
  },
  {
    name: 'stride 2, padding 1',
    x: [2, 2, 7, 7],
    w: [3, 2, 3, 3],
    bias: true,
    stride: [2, 2],
    padding: [1, 1],
  },
  {
    name: 'dilation 2, a 3x2 kernel',
    x: [1, 2, 7, 8],
    w: [2, 2, 3, 2],
    bias: true,
    dilation: [2, 2],
  },
  {
    name: "'same' with an even kernel (extra zeros bottom / right)",
    x: [1, 2, 5, 6],
    w: [2, 2, 2, 4],
    bias: true,
    padding: [0, 1],
    extra: [1, 1],
  },
  {
    name: 'mixed stride, padding and dilation per axis (whole rows of padding)',
    x: [2, 1, 6, 9],
    w: [2, 1, 2, 3],
    bias: false,
    stride: [1, 2],
    padding: [2, 0],
    dilation: [1, 2],
  },
  { name: 'groups 2', x: [2, 4, 5, 5], w: [6, 2, 3, 3], bias: true, groups: 2, padding: [1, 0] },
  {
    name: 'depthwise (groups = C)',
    x: [2, 3, 6, 5],
    w: [3, 1, 3, 3],
    bias: true,
    groups: 3,
    padding: [1, 1],
  },
  {
    name: '1x1 kernel, stride 2 x 1',
    x: [2, 4, 3, 5],
    w: [5, 4, 1, 1],
    bias: true,
    stride: [2, 1],
  },
];

/** The optional fused conv2d and its two gradients, when the backend has them. */
export function conv2dTests(get: GetBackend): void {
  describe('conv2d (optional)', () => {
    it('[1, 1, 3, 3] * [1, 1, 2, 2] + bias by hand', async (ctx) => {
      const be = get();
      if (!be.conv2d) return ctx.skip();
      const x = put(be, [1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 1, 3, 3], 'float32');
      const w = put(be, [1, 0, -1, 2], [1, 1, 2, 2], 'float32');
      const b = put(be, [0.5], [1], 'float32');
      const p: Conv2dParams = {
        stride: [1, 1],
        padding: [0, 0],
        dilation: [1, 1],
        groups: 1,
        outSize: [2, 2],
      };
      // [1 - 4 + 10, 2 - 5 + 12, 4 - 7 + 16, 5 - 8 + 18] + 0.5
      await expectBuffer(be, be.conv2d(x, w, b, p), 'float32', [7.5, 9.5, 13.5, 15.5]);
    });

    for (const c of CASES) {
      const p = paramsOf(c);
      const xv = grid(count(c.x), 1);
      const wv = grid(count(c.w), 2);
      const bv = c.bias ? grid(c.w[0], 3) : null;
      const yShape: Shape4 = [c.x[0], c.w[0], ...p.outSize];
      const gv = grid(count(yShape), 4);

      it(`forward: ${c.name}, every layout`, async (ctx) => {
        const be = get();
        if (!be.conv2d) return ctx.skip();
        const want = conv2dReference(xv, c.x, wv, c.w, bv, p).sum.map(f32);
        const ws = layouts(be, wv, c.w, 'float32');
        const bs = bv === null ? [] : layouts(be, bv, [c.w[0]], 'float32');
        for (const [i, x] of layouts(be, xv, c.x, 'float32').entries()) {
          const b = bv === null ? null : cycle(bs, i).view;
          await expectBuffer(be, be.conv2d(x.view, cycle(ws, i + 1).view, b, p), 'float32', want);
        }
      });

      it(`input gradient: ${c.name}, every layout`, async (ctx) => {
        const be = get();
        if (!be.conv2dBackwardInput) return ctx.skip();
        const want = conv2dBackwardInputReference(gv, wv, c.w, c.x, p).sum.map(f32);
        const ws = layouts(be, wv, c.w, 'float32');
        for (const [i, g] of layouts(be, gv, yShape, 'float32').entries()) {
          const dx = be.conv2dBackwardInput(g.view, cycle(ws, i + 2).view, c.x, p);
          await expectBuffer(be, dx, 'float32', want);
        }
      });

      it(`weight gradient: ${c.name}, every layout`, async (ctx) => {
        const be = get();
        if (!be.conv2dBackwardWeight) return ctx.skip();
        const want = conv2dBackwardWeightReference(gv, xv, c.x, c.w, p).sum.map(f32);
        const xs = layouts(be, xv, c.x, 'float32');
        for (const [i, g] of layouts(be, gv, yShape, 'float32').entries()) {
          const dw = be.conv2dBackwardWeight(g.view, cycle(xs, i + 3).view, c.w, p);
          await expectBuffer(be, dw, 'float32', want);
        }
      });
    }
  });
}
