import { describe, expect, it } from 'vitest';
import { readFixture } from '../fixtures.test.util.js';
import { resizeBilinear } from './bilinear.js';
import type { Raster } from './raster.js';

interface ResizeCase {
  pixels: number[];
  shape: [number, number, number];
  dtype: 'float32' | 'uint8';
  outShape: [number, number, number];
  expected: number[];
}
const { resize } = readFixture<{ resize: ResizeCase[] }>('transforms');

describe('resizeBilinear', () => {
  it.each(resize.map((c) => [`${c.dtype} [${c.shape}] -> [${c.outShape}]`, c] as const))(
    'equals torch interpolate (bilinear): %s',
    (_, c) => {
      const [planes, h, w] = c.shape;
      const data =
        c.dtype === 'uint8'
          ? Uint8Array.from(c.pixels)
          : Float32Array.from(c.pixels, (v) => Math.fround(v / 255));
      const r: Raster = { data, layout: 'planar', planes, h, w };
      const out = resizeBilinear(r, c.outShape[1], c.outShape[2], planes);
      const expected = c.dtype === 'uint8' ? c.expected : c.expected.map(Math.fround);
      const got = Array.from(out.data);
      const bad = got.map((v, i) => (v === expected[i] ? -1 : i)).filter((i) => i >= 0);
      expect(bad.length, `first mismatches at ${bad.slice(0, 5)}`).toBe(0);
    },
  );
});
