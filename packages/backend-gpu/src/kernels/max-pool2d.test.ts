import type { Pool2dParams, View } from '@nabla/backend';
import { afterAll, describe, expect, it } from 'vitest';
import { createGpuBackend } from '../gpu-backend.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import { CONTIGUOUS, generator, type Layout, stored, uniform } from './test-views.test.util.js';

type Shape4 = [number, number, number, number];

const size = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/**
 * `max_pool2d(..., return_indices=True)` from the definition: each window scanned row-major,
 * positions outside x skipped, a value taken when it is the first inside, a NaN, or larger
 * than the best (nothing replaces a NaN).
 */
function reference(x: readonly number[], xs: Shape4, p: Pool2dParams): [number[], number[]] {
  const [n, c, h, w] = xs;
  const [ho, wo] = p.outSize;
  const values: number[] = [];
  const indices: number[] = [];
  for (let plane = 0; plane < n * c; plane++)
    for (let oh = 0; oh < ho; oh++)
      for (let ow = 0; ow < wo; ow++) {
        let best = Number.NEGATIVE_INFINITY;
        let at = -1;
        for (let i = 0; i < p.kernel[0]; i++)
          for (let j = 0; j < p.kernel[1]; j++) {
            const r = oh * p.stride[0] - p.padding[0] + i * p.dilation[0];
            const q = ow * p.stride[1] - p.padding[1] + j * p.dilation[1];
            if (r < 0 || r >= h || q < 0 || q >= w) continue;
            const v = x[plane * h * w + r * w + q] as number;
            if (Number.isNaN(best)) continue;
            if (at < 0 || Number.isNaN(v) || v > best) {
              best = v;
              at = r * w + q;
            }
          }
        values.push(best);
        indices.push(at);
      }
  return [values, indices];
}

/** Each output gradient added at its index, in output order. */
function backwardReference(
  g: readonly number[],
  indices: readonly number[],
  xs: Shape4,
  p: Pool2dParams,
): number[] {
  const plane = xs[2] * xs[3];
  const out = new Array<number>(size(xs)).fill(0);
  const per = p.outSize[0] * p.outSize[1];
  indices.forEach((k, o) => {
    const at = Math.floor(o / per) * plane + k;
    out[at] = (out[at] as number) + (g[o] as number);
  });
  return out;
}

interface Case {
  name: string;
  x: Shape4;
  kernel: [number, number];
  stride: [number, number];
  padding?: [number, number];
  dilation?: [number, number];
  ceil?: boolean;
  layout: Layout;
  /** Values on a coarse grid (many ties), with NaN and -inf mixed in. */
  ties?: boolean;
}

/** PyTorch's output size (`pooling_output_shape`), ceil mode included. */
function params(c: Case): Pool2dParams {
  const padding = c.padding ?? [0, 0];
  const dilation = c.dilation ?? [1, 1];
  const out = (a: 0 | 1): number => {
    const span = (c.x[a + 2] as number) + 2 * padding[a] - dilation[a] * (c.kernel[a] - 1) - 1;
    let o = (c.ceil ? Math.ceil(span / c.stride[a]) : Math.floor(span / c.stride[a])) + 1;
    if (c.ceil && (o - 1) * c.stride[a] >= (c.x[a + 2] as number) + padding[a]) o--;
    return o;
  };
  return { kernel: c.kernel, stride: c.stride, padding, dilation, outSize: [out(0), out(1)] };
}

const CASES: Case[] = [
  { name: '2x2 stride 2', x: [2, 3, 6, 6], kernel: [2, 2], stride: [2, 2], layout: CONTIGUOUS },
  {
    name: '3x3 stride 2 padding 1 (overlapping windows), odd sizes, transposed x',
    x: [2, 2, 7, 9],
    kernel: [3, 3],
    stride: [2, 2],
    padding: [1, 1],
    layout: { order: [3, 2, 1, 0] },
  },
  {
    name: 'a 2x3 kernel, dilation 2, stride [1, 2], padding 1, ceil mode, flipped x',
    x: [1, 3, 6, 8],
    kernel: [2, 3],
    stride: [1, 2],
    padding: [1, 1],
    dilation: [2, 2],
    ceil: true,
    layout: { order: [0, 1, 2, 3], flip: [2, 3], offset: 3 },
  },
  {
    name: 'ties, NaN and -inf, 3x3 stride 1 padding 1 (every element in nine windows)',
    x: [2, 2, 5, 5],
    kernel: [3, 3],
    stride: [1, 1],
    padding: [1, 1],
    ties: true,
    layout: { order: [0, 2, 3, 1], offset: 1 },
  },
];

/** Values in {-1, 0, 1}, a few NaN, and planes of -inf (windows whose max is -inf). */
function withTies(n: number, seed: number): number[] {
  const random = generator(seed);
  return Array.from({ length: n }, (_, i) => {
    if (i < 25) return Number.NEGATIVE_INFINITY; // the first plane
    const r = random();
    if (r < 0.05) return Number.NaN;
    if (r < 0.1) return Number.NEGATIVE_INFINITY;
    return Math.floor(r * 3) - 1;
  });
}

for (const mode of ['webasm', 'cpu'] as const) {
  describe(`maxPool2d and its gradient, gpu.js ${mode}`, () => {
    const be = createGpuBackend({ mode });
    afterAll(() => be.destroy());
    const put = (
      v: number[],
      shape: number[],
      layout: Layout,
      dtype: 'float32' | 'int32' = 'float32',
    ) => stored(be, v, shape, dtype, layout) as View<GpuBuffer>;

    for (const c of CASES) {
      const p = params(c);
      const xv = c.ties ? withTies(size(c.x), 6) : uniform(size(c.x), 6);
      const yShape: Shape4 = [c.x[0], c.x[1], ...p.outSize];
      const [values, indices] = reference(xv, c.x, p);

      it(`forward: ${c.name}`, () => {
        const [y, ix] = be.maxPool2d(put(xv, c.x, c.layout), p);
        expect(Array.from(be.readSync(y))).toEqual(values);
        expect(be.readSync(ix)).toBeInstanceOf(Int32Array);
        expect(Array.from(be.readSync(ix))).toEqual(indices);
      });

      it(`gradient: ${c.name}`, () => {
        // multiples of 1/8: every sum is exact, in any order
        const random = generator(7);
        const g = Array.from({ length: size(yShape) }, () => Math.floor(random() * 33 - 16) / 8);
        const dx = be.maxPool2dBackward(
          put(g, yShape, c.layout),
          put(indices, yShape, c.layout, 'int32'),
          c.x,
          p,
        );
        expect(Array.from(be.readSync(dx))).toEqual(backwardReference(g, indices, c.x, p));
      });
    }

    it('padding never wins, even over large negative values (it is not read as 0)', () => {
      // 2x2 windows, padding 1, stride 2: three windows are half or more padding
      const xs: Shape4 = [1, 1, 3, 3];
      const xv = [-5, -4, -3, -2, -1, -6, -7, -8, -9].map((v) => v * 1e30);
      const p: Pool2dParams = {
        kernel: [2, 2],
        stride: [2, 2],
        padding: [1, 1],
        dilation: [1, 1],
        outSize: [2, 2],
      };
      const [y, ix] = be.maxPool2d(put(xv, xs, CONTIGUOUS), p);
      expect(Array.from(be.readSync(ix))).toEqual([0, 2, 3, 4]);
      expect(Array.from(be.readSync(y))).toEqual([-5e30, -3e30, -2e30, -1e30].map(Math.fround));
    });

    it('counts its buffers exactly under tidy', () => {
      const c = CASES[1] as Case;
      const p = params(c);
      const before = be.memory();
      const kept = be.tidy(() => {
        const [, ix] = be.maxPool2d(put(uniform(size(c.x), 1), c.x, CONTIGUOUS), p);
        const yShape = [c.x[0], c.x[1], ...p.outSize];
        const g = put(uniform(size(yShape), 2), yShape, CONTIGUOUS);
        const ixView = { buffer: ix, shape: yShape, strides: g.strides, offset: 0 };
        return be.maxPool2dBackward(g, ixView, c.x, p);
      });
      expect(be.memory()).toEqual({
        buffers: before.buffers + 1,
        bytes: before.bytes + 4 * size(c.x),
      });
      be.dispose(kept);
      expect(be.memory()).toEqual(before);
    });

    it('runs in the mode asked for (no gpu.js fallback to its cpu backend)', () => {
      expect(be.kernels().fallbacks).toEqual([]);
    });
  });
}
