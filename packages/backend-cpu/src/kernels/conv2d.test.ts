import type { Conv2dParams, View } from '@nabla/backend';
import {
  close,
  conv2dBackwardInputReference,
  conv2dBackwardWeightReference,
  conv2dReference,
  layouts,
  type NamedView,
  type Shape4,
  type Sums,
} from '@nabla/backend/testing';
import { describe, expect, it } from 'vitest';
import { cpuBackend } from '../cpu-backend.js';
import type { CpuBuffer } from '../cpu-buffer.js';
import { randomValues, seededRandom } from '../wasm/layouts.test.util.js';

const U = 2 ** -24; // float32's unit roundoff

interface Case {
  name: string;
  x: Shape4;
  w: Shape4;
  p: Conv2dParams;
  bias: boolean;
}

function conv(
  name: string,
  x: Shape4,
  w: Shape4,
  bias: boolean,
  opts: Partial<Omit<Conv2dParams, 'outSize'>> & { extra?: number } = {},
): Case {
  const stride = opts.stride ?? [1, 1];
  const padding = opts.padding ?? [0, 0];
  const dilation = opts.dilation ?? [1, 1];
  const size = (d: 0 | 1): number =>
    Math.floor(
      ((x[d + 2] as number) + 2 * padding[d] - dilation[d] * ((w[d + 2] as number) - 1) - 1) /
        stride[d],
    ) +
    1 +
    (opts.extra ?? 0);
  const outSize: [number, number] = [size(0), size(1)];
  return { name, x, w, p: { stride, padding, dilation, groups: opts.groups ?? 1, outSize }, bias };
}

// ch09-like layers, odd sizes, every path: compact and wide columns (kc >= 2 og), the transposed
// input gradient (stride 1, cg >= 16) and col2im, several chunks of images
const CASES: Case[] = [
  conv('ch09 conv1-like', [3, 3, 11, 10], [8, 3, 3, 3], true),
  conv('ch09 conv2-like (wide, transposed)', [3, 16, 9, 8], [6, 16, 3, 3], true),
  conv('padding 1, even kernel, extra row and column', [2, 17, 7, 6], [4, 17, 2, 2], false, {
    padding: [1, 1],
    extra: 1,
  }),
  conv('stride 2, dilation 2', [2, 5, 13, 12], [4, 5, 3, 3], true, {
    stride: [2, 2],
    dilation: [2, 2],
    padding: [2, 1],
  }),
  conv('groups 2, dilation 2, padding 2', [2, 32, 7, 9], [6, 16, 3, 2], true, {
    groups: 2,
    dilation: [2, 2],
    padding: [2, 2],
  }),
  conv('depthwise', [3, 6, 8, 7], [6, 1, 3, 3], true, { groups: 6, padding: [1, 1] }),
  conv('1x1', [2, 20, 5, 7], [9, 20, 1, 1], true),
  conv('several chunks of images', [3, 32, 20, 20], [8, 32, 3, 3], true, { padding: [1, 1] }),
];

const random = seededRandom(11);
const data = CASES.map((c) => {
  const yShape: Shape4 = [c.x[0], c.w[0], ...c.p.outSize];
  const size = (s: Shape4): number => s.reduce((a, b) => a * b, 1);
  return {
    x: randomValues(random, size(c.x)),
    w: randomValues(random, size(c.w)),
    b: c.bias ? randomValues(random, c.w[0]) : null,
    g: randomValues(random, size(yShape)),
    yShape,
  };
});
const wants = CASES.map((c, k) => {
  const d = data[k] as (typeof data)[number];
  return {
    y: conv2dReference(d.x, c.x, d.w, c.w, d.b, c.p),
    dx: conv2dBackwardInputReference(d.g, d.w, c.w, c.x, c.p),
    dw: conv2dBackwardWeightReference(d.g, d.x, c.x, c.w, c.p),
  };
});

/** Checks `got` within `terms` float32 roundings of each sum's scale (float64: one rounding). */
function expectWithin(got: ArrayLike<number>, want: Sums, terms: number): void {
  const bad: string[] = [];
  want.sum.forEach((e, i) => {
    const a = got[i] as number;
    const ok = Number.isFinite(e)
      ? Math.abs(a - e) <= terms * U * (want.abs[i] as number)
      : close(a, e);
    if (!ok) bad.push(`[${i}] ${a} != ${e}`);
  });
  expect(bad.slice(0, 5)).toEqual([]);
}

const backends = [
  { name: 'float64 accumulator', be: cpuBackend(), exact: true },
  { name: 'float64 accumulator, 2 threads', be: cpuBackend({ threads: 2 }), exact: true },
  { name: 'float32 accumulator', be: cpuBackend({ matmulAccumulator: 'float32' }), exact: false },
];

describe('cpu conv2d against the float64 reference', () => {
  for (const { name, be, exact } of backends) {
    CASES.forEach((c, k) => {
      const d = data[k] as (typeof data)[number];
      const view = (values: number[], shape: readonly number[], i: number): View<CpuBuffer> => {
        const all = layouts(be, values, shape, 'float32');
        return (all[i % all.length] as NamedView).view as View<CpuBuffer>;
      };
      const kc = c.w[1] * c.w[2] * c.w[3];

      it(`${name}: ${c.name}`, () => {
        for (let i = 0; i < 2; i++) {
          const b = d.b && view(d.b, [c.w[0]], i + 1);
          const y = be.conv2d?.(view(d.x, c.x, i), view(d.w, c.w, i + 2), b, c.p);
          const want = (wants[k] as (typeof wants)[number]).y;
          if (exact) expect(Array.from(y?.data ?? [])).toEqual(want.sum.map(Math.fround));
          else expectWithin(y?.data ?? [], want, kc + 3);

          const dx = be.conv2dBackwardInput?.(
            view(d.g, d.yShape, i + 1),
            view(d.w, c.w, i + 3),
            c.x,
            c.p,
          );
          const wantDx = (wants[k] as (typeof wants)[number]).dx;
          const og = c.w[0] / c.p.groups;
          expectWithin(dx?.data ?? [], wantDx, exact ? 2 : og * c.w[2] * c.w[3] + 3);

          const dw = be.conv2dBackwardWeight?.(
            view(d.g, d.yShape, i + 4),
            view(d.x, c.x, i + 1),
            c.w,
            c.p,
          );
          const wantDw = (wants[k] as (typeof wants)[number]).dw;
          const terms = c.x[0] * c.p.outSize[0] * c.p.outSize[1];
          expectWithin(dw?.data ?? [], wantDw, exact ? 2 : terms + 3);
        }
      });
    });
  }

  it('float64: a weight gradient in one chunk is the reference sum rounded once', () => {
    const c = CASES[1] as Case;
    const d = data[1] as (typeof data)[number];
    const be = cpuBackend();
    const dw = be.conv2dBackwardWeight?.(view4(be, d.g, d.yShape), view4(be, d.x, c.x), c.w, c.p);
    const want = conv2dBackwardWeightReference(d.g, d.x, c.x, c.w, c.p).sum.map(Math.fround);
    expect(Array.from(dw?.data ?? [])).toEqual(want);
  });

  it('inf and NaN reach only the outputs and gradients that read them', () => {
    // wide columns without padding: junk columns read real elements, here an inf and a NaN
    const c = CASES[1] as Case;
    const d = data[1] as (typeof data)[number];
    const x = [...d.x];
    x[7] = Number.POSITIVE_INFINITY; // (0, 0, 0, 7): only kernel column 2 reads it
    x[8 * 8 + 6] = Number.NaN;
    const w = [...d.w];
    w[3] = Number.NEGATIVE_INFINITY;
    const be = cpuBackend();
    const dw = be.conv2dBackwardWeight?.(view4(be, d.g, d.yShape), view4(be, x, c.x), c.w, c.p);
    const wantDw = conv2dBackwardWeightReference(d.g, x, c.x, c.w, c.p);
    expect(wantDw.sum.some((v) => Number.isFinite(v))).toBe(true);
    expectWithin(dw?.data ?? [], wantDw, 2);
    const dx = be.conv2dBackwardInput?.(view4(be, d.g, d.yShape), view4(be, w, c.w), c.x, c.p);
    const wantDx = conv2dBackwardInputReference(d.g, w, c.w, c.x, c.p);
    expect(wantDx.sum.some((v) => Number.isFinite(v))).toBe(true);
    expectWithin(dx?.data ?? [], wantDx, 2);
  });
});

function view4(
  be: ReturnType<typeof cpuBackend>,
  values: number[],
  shape: Shape4,
): View<CpuBuffer> {
  return (layouts(be, values, shape, 'float32')[0] as NamedView).view as View<CpuBuffer>;
}
