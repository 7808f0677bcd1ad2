import type { Pool2dParams, View } from '@nabla/backend';
import {
  maxPool2dBackwardReference,
  maxPool2dReference,
  type NamedView,
  type Shape4,
  layouts as testingLayouts,
} from '@nabla/backend/testing';
import { describe, expect, it } from 'vitest';
import { cpuBackend } from '../cpu-backend.js';
import type { CpuBuffer } from '../cpu-buffer.js';
import { randomValues, seededRandom } from '../wasm/layouts.test.util.js';

const U = 2 ** -24;

/** A pooling case with PyTorch's output size (floor mode, or `extra` more for ceil mode). */
function pool(x: Shape4, kernel: [number, number], s: number, pad: number, dil: number, extra = 0) {
  const size = (d: 0 | 1): number =>
    Math.floor(((x[d + 2] as number) + 2 * pad - dil * (kernel[d] - 1) - 1) / s) + 1 + extra;
  const p: Pool2dParams = {
    kernel,
    stride: [s, s],
    padding: [pad, pad],
    dilation: [dil, dil],
    outSize: [size(0), size(1)],
  };
  return { x, p };
}

const CASES = [
  pool([4, 8, 28, 28], [2, 2], 2, 0, 1), // ch09's MaxPool2d(2)
  pool([2, 3, 13, 11], [3, 3], 2, 1, 1), // overlapping, padded
  pool([2, 2, 9, 10], [3, 2], 1, 1, 2), // dilated
  pool([1, 3, 7, 7], [2, 2], 2, 0, 1, 1), // ceil mode: the last window hangs over
];

describe('cpu maxPool2d against the reference', () => {
  const be = cpuBackend();
  const random = seededRandom(5);
  CASES.forEach(({ x, p }, k) => {
    it(`[${x}] kernel ${p.kernel} stride ${p.stride} padding ${p.padding} dilation ${p.dilation}`, () => {
      // coarse values (multiples of 1/4) tie often
      const xv = randomValues(
        random,
        x.reduce((a, b) => a * b, 1),
      ).map((v) => Math.round(v * 4) / 4);
      const want = maxPool2dReference(xv, x, p);
      const yShape: Shape4 = [x[0], x[1], ...p.outSize];
      const gv = randomValues(random, want.values.length);
      const dx = maxPool2dBackwardReference(gv, want.indices, x, p.outSize);
      const scale = maxPool2dBackwardReference(gv.map(Math.abs), want.indices, x, p.outSize);
      const xs = layouts(be, xv, x);
      const gs = layouts(be, gv, yShape);
      xs.forEach((xl, i) => {
        const [values, indices] = be.maxPool2d?.(xl, p) ?? [];
        expect(Array.from(values?.data ?? [])).toEqual(want.values);
        expect(Array.from(indices?.data ?? [])).toEqual(want.indices);
        const plane = p.outSize[0] * p.outSize[1];
        const strides = [x[1] * plane, plane, p.outSize[1], 1];
        const iv = { buffer: indices as CpuBuffer, shape: yShape, strides, offset: 0 };
        const got = be.maxPool2dBackward?.(gs[(i + k) % gs.length] as View<CpuBuffer>, iv, x, p);
        const bad = dx.filter(
          (e, j) => Math.abs((got?.data[j] as number) - e) > 2 * U * (scale[j] as number),
        );
        expect(bad).toEqual([]);
      });
    });
  });
});

function layouts(
  be: ReturnType<typeof cpuBackend>,
  values: number[],
  shape: Shape4,
): View<CpuBuffer>[] {
  return testingLayouts(be, values, shape, 'float32').map(
    (l: NamedView) => l.view as View<CpuBuffer>,
  );
}

describe('cpu maxPool2d(2) with NaN and -inf', () => {
  it('takes the first NaN of a window, else its first maximum, on odd sizes', () => {
    const be = cpuBackend();
    const random = seededRandom(9);
    const x: Shape4 = [2, 3, 7, 9]; // floor mode: the last row and column are left out
    const { p } = pool(x, [2, 2], 2, 0, 1);
    const n = x.reduce((a, b) => a * b, 1);
    // coarse values tie often; NaN at every 3rd element (windows with two NaNs) and some -inf
    const xv = randomValues(random, n).map((v, i) =>
      i % 3 === 1 ? Number.NaN : i % 5 === 2 ? Number.NEGATIVE_INFINITY : Math.round(v * 2) / 2,
    );
    const want = maxPool2dReference(xv, x, p);
    expect(want.values.some(Number.isNaN)).toBe(true);
    for (const xl of layouts(be, xv, x)) {
      const [values, indices] = be.maxPool2d?.(xl, p) ?? [];
      expect(Array.from(values?.data ?? [])).toEqual(want.values);
      expect(Array.from(indices?.data ?? [])).toEqual(want.indices);
    }
  });
});
