import type { Conv2dParams, View } from '@nabla/backend';
import { afterAll, describe, expect, it } from 'vitest';
import { createGpuBackend } from '../gpu-backend.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import { CONTIGUOUS, type Layout, stored, uniform } from './test-views.test.util.js';

type Shape4 = [number, number, number, number];

/** Float64 results and the sums of their terms' magnitudes (the error scale). */
interface Sums {
  value: number[];
  scale: number[];
}

const size = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/**
 * Calls `fn(out, xAt, wAt)` for every product of conv2d, straight from the definition: output
 * `[n][o][oh][ow]` reads `x[n][g * C/groups + c][oh * s - p + i * d][ow * s - p + j * d]` times
 * `w[o][c][i][j]`; positions outside x read 0 and are skipped.
 */
function eachProduct(
  xs: Shape4,
  ws: Shape4,
  p: Conv2dParams,
  fn: (out: number, xAt: number, wAt: number) => void,
): void {
  const [n, ch, h, w] = xs;
  const [o, cg, kh, kw] = ws;
  const [ho, wo] = p.outSize;
  for (let b = 0; b < n; b++)
    for (let oc = 0; oc < o; oc++)
      for (let oh = 0; oh < ho; oh++)
        for (let ow = 0; ow < wo; ow++)
          for (let c = 0; c < cg; c++)
            for (let i = 0; i < kh; i++)
              for (let j = 0; j < kw; j++) {
                const r = oh * p.stride[0] - p.padding[0] + i * p.dilation[0];
                const q = ow * p.stride[1] - p.padding[1] + j * p.dilation[1];
                if (r < 0 || r >= h || q < 0 || q >= w) continue;
                const xc = Math.floor(oc / (o / p.groups)) * cg + c;
                fn(
                  ((b * o + oc) * ho + oh) * wo + ow,
                  ((b * ch + xc) * h + r) * w + q,
                  ((oc * cg + c) * kh + i) * kw + j,
                );
              }
}

/** Adds `t` into slot `at` of `s`. */
function add(s: Sums, at: number, t: number): void {
  s.value[at] = (s.value[at] as number) + t;
  s.scale[at] = (s.scale[at] as number) + Math.abs(t);
}

const zeros = (n: number): Sums => ({
  value: new Array<number>(n).fill(0),
  scale: new Array<number>(n).fill(0),
});

interface Case {
  name: string;
  x: Shape4;
  w: Shape4;
  bias: boolean;
  stride?: [number, number];
  padding?: [number, number];
  dilation?: [number, number];
  groups?: number;
  /** Output rows / columns beyond PyTorch's size for the symmetric padding. */
  extra?: [number, number];
  /** How x (and the output gradient), the weight and the bias are stored. */
  layouts: [Layout, Layout, Layout];
}

function params(c: Case): Conv2dParams {
  const stride = c.stride ?? [1, 1];
  const padding = c.padding ?? [0, 0];
  const dilation = c.dilation ?? [1, 1];
  const out = (a: 0 | 1): number =>
    Math.floor(
      ((c.x[a + 2] as number) + 2 * padding[a] - dilation[a] * ((c.w[a + 2] as number) - 1) - 1) /
        stride[a],
    ) +
    1 +
    (c.extra?.[a] ?? 0);
  return { stride, padding, dilation, groups: c.groups ?? 1, outSize: [out(0), out(1)] };
}

const TRANSPOSED: Layout = { order: [3, 2, 1, 0] };
const FLIPPED: Layout = { order: [0, 1, 2, 3], flip: [1, 3], offset: 2 };
const CHANNELS_LAST: Layout = { order: [0, 2, 3, 1], offset: 5 };
const BIAS_FLIPPED: Layout = { order: [0], flip: [0], offset: 1 };
const BIAS: Layout = { order: [0] };

const CASES: Case[] = [
  {
    name: '3x3, bias',
    x: [2, 3, 7, 6],
    w: [4, 3, 3, 3],
    bias: true,
    layouts: [CONTIGUOUS, CONTIGUOUS, BIAS],
  },
  {
    name: 'stride 2, padding [1, 2], odd sizes, transposed x',
    x: [2, 3, 9, 8],
    w: [5, 3, 3, 3],
    bias: false,
    stride: [2, 2],
    padding: [1, 2],
    layouts: [TRANSPOSED, FLIPPED, BIAS],
  },
  {
    name: 'dilation [2, 1], a 3x2 kernel, a larger outSize',
    x: [1, 2, 8, 7],
    w: [3, 2, 3, 2],
    bias: true,
    dilation: [2, 1],
    padding: [1, 0],
    extra: [1, 2],
    layouts: [FLIPPED, CHANNELS_LAST, BIAS_FLIPPED],
  },
  {
    name: 'groups 2, padding 1, channels-last x',
    x: [2, 4, 6, 5],
    w: [6, 2, 3, 3],
    bias: true,
    groups: 2,
    padding: [1, 1],
    layouts: [CHANNELS_LAST, TRANSPOSED, BIAS_FLIPPED],
  },
  {
    name: 'depthwise (groups = C), stride [1, 2], padding 1',
    x: [2, 3, 5, 6],
    w: [3, 1, 3, 3],
    bias: false,
    groups: 3,
    stride: [1, 2],
    padding: [1, 1],
    layouts: [CONTIGUOUS, FLIPPED, BIAS],
  },
  {
    name: '1x1 kernel, stride 2, flipped x',
    x: [2, 5, 4, 3],
    w: [4, 5, 1, 1],
    bias: true,
    stride: [2, 2],
    layouts: [FLIPPED, CONTIGUOUS, BIAS],
  },
];

/** `got` within float32 rounding of the float64 `want`: 2^-23 of the terms' magnitudes. */
function expectClose(got: ArrayLike<number>, want: Sums): void {
  expect(got.length).toBe(want.value.length);
  want.value.forEach((v, i) => {
    const g = got[i] as number;
    const tol = 2 ** -23 * ((want.scale[i] as number) + Math.abs(v));
    if (!(Math.abs(g - v) <= tol)) {
      expect.fail(`element ${i}: got ${g}, want ${v} (within ${tol})`);
    }
  });
}

for (const mode of ['webasm', 'cpu'] as const) {
  describe(`conv2d and its gradients, gpu.js ${mode}`, () => {
    const be = createGpuBackend({ mode });
    afterAll(() => be.destroy());
    const put = (v: number[], shape: number[], layout: Layout): View<GpuBuffer> =>
      stored(be, v, shape, 'float32', layout) as View<GpuBuffer>;

    for (const c of CASES) {
      const p = params(c);
      const yShape: Shape4 = [c.x[0], c.w[0], ...p.outSize];
      const xv = uniform(size(c.x), 1);
      const wv = uniform(size(c.w), 2);
      const bv = uniform(c.w[0], 3);
      const gv = uniform(size(yShape), 4);
      const [xl, wl, bl] = c.layouts;

      it(`forward: ${c.name}`, () => {
        const want = zeros(size(yShape));
        const plane = p.outSize[0] * p.outSize[1];
        for (let k = 0; c.bias && k < size(yShape); k++) {
          add(want, k, bv[Math.floor(k / plane) % c.w[0]] as number);
        }
        eachProduct(c.x, c.w, p, (out, xAt, wAt) =>
          add(want, out, (xv[xAt] as number) * (wv[wAt] as number)),
        );
        const b = c.bias ? put(bv, [c.w[0]], bl) : null;
        const y = be.conv2d(put(xv, c.x, xl), put(wv, c.w, wl), b, p);
        expectClose(be.readSync(y), want);
      });

      it(`input gradient: ${c.name}`, () => {
        const want = zeros(size(c.x));
        eachProduct(c.x, c.w, p, (out, xAt, wAt) =>
          add(want, xAt, (gv[out] as number) * (wv[wAt] as number)),
        );
        const dx = be.conv2dBackwardInput(put(gv, yShape, xl), put(wv, c.w, wl), c.x, p);
        expectClose(be.readSync(dx), want);
      });

      it(`weight gradient: ${c.name}`, () => {
        const want = zeros(size(c.w));
        eachProduct(c.x, c.w, p, (out, xAt, wAt) =>
          add(want, wAt, (gv[out] as number) * (xv[xAt] as number)),
        );
        const dw = be.conv2dBackwardWeight(put(gv, yShape, wl), put(xv, c.x, xl), c.w, p);
        expectClose(be.readSync(dw), want);
      });
    }

    it('NaN and inf in x reach exactly the outputs whose windows hold them', () => {
      const xs: Shape4 = [1, 1, 4, 4];
      const ws: Shape4 = [1, 1, 2, 2];
      const xv = uniform(16, 5);
      xv[5] = Number.NaN; // [1][1]
      xv[15] = Number.POSITIVE_INFINITY; // [3][3]
      const p: Conv2dParams = {
        stride: [1, 1],
        padding: [0, 0],
        dilation: [1, 1],
        groups: 1,
        outSize: [3, 3],
      };
      const y = Array.from(
        be.readSync(be.conv2d(put(xv, xs, CONTIGUOUS), put([1, 2, 3, 4], ws, CONTIGUOUS), null, p)),
      );
      // windows [0..1][0..1], [0..1][1..2], [1..2][0..1], [1..2][1..2] hold the NaN; [2..3][2..3] the inf
      expect(
        y.map((v) => (Number.isNaN(v) ? 'nan' : v === Number.POSITIVE_INFINITY ? 'inf' : 'x')),
      ).toEqual(['nan', 'nan', 'x', 'nan', 'nan', 'x', 'x', 'x', 'inf']);
    });

    it('counts its buffers exactly: the padded copies are freed, tidy leaves what it returns', () => {
      const c = CASES[1] as Case;
      const p = params(c);
      const before = be.memory();
      const kept = be.tidy(() => {
        const x = put(uniform(size(c.x), 1), c.x, CONTIGUOUS);
        const w = put(uniform(size(c.w), 2), c.w, CONTIGUOUS);
        const y = be.conv2d(x, w, null, p);
        const [ho, wo] = p.outSize;
        const yShape = [c.x[0], c.w[0], ho, wo];
        const g = {
          buffer: y,
          shape: yShape,
          strides: [c.w[0] * ho * wo, ho * wo, wo, 1],
          offset: 0,
        };
        be.conv2dBackwardInput(g, w, c.x, p);
        return be.conv2dBackwardWeight(g, x, c.w, p);
      });
      expect(be.memory()).toEqual({
        buffers: before.buffers + 1,
        bytes: before.bytes + 4 * size(c.w),
      });
      be.dispose(kept);
      expect(be.memory()).toEqual(before);
    });

    it('runs in the mode asked for (no gpu.js fallback to its cpu backend)', () => {
      expect(be.kernels().fallbacks).toEqual([]);
    });
  });
}
