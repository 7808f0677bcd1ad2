import { contiguousView } from '@nabla/backend';
import { afterAll, describe, expect, it } from 'vitest';
import { createGpuBackend } from '../gpu-backend.js';

/** `torch.scatter` / `scatter_add` of a 1-D x, in index order (the last write wins). */
function reference(x: number[], index: number[], src: number[], add: boolean): number[] {
  const out = [...x];
  index.forEach((i, k) => {
    out[i] = add ? (out[i] as number) + (src[k] as number) : (src[k] as number);
  });
  return out;
}

// The conformance suite scatters a dozen entries; a convolution's backward (col2im) scatters
// hundreds of thousands into a smaller tensor, with many entries per position.
for (const mode of ['webasm', 'cpu'] as const) {
  describe(`scatter of many entries with repeats, ${mode}`, () => {
    const be = createGpuBackend({ mode });
    afterAll(() => be.destroy());
    const n = 300;
    const m = 5000; // not a power of two: the sort pads to 8192
    const index = Array.from({ length: m }, (_, k) => (k * 7919 + (k >> 3)) % n);
    const src = Array.from({ length: m }, (_, k) => (k % 17) - 8); // small integers: exact sums
    const x = Array.from({ length: n }, (_, i) => i * 100);
    const view = (values: number[], dtype: 'float32' | 'int32') =>
      contiguousView(be.fromValues(values, dtype), [values.length]);

    for (const add of [true, false]) {
      it(`${add ? 'scatter_add' : 'scatter'}: 5000 entries into 300, float32 and int32`, () => {
        const want = reference(x, index, src, add);
        for (const dtype of ['float32', 'int32'] as const) {
          const out = be.scatter(view(x, dtype), 0, view(index, 'int32'), view(src, dtype), add);
          expect(Array.from(be.readSync(out))).toEqual(want);
        }
      });
    }

    it('along axis 1 of [4, 300] with a transposed src, a few kernel calls per scatter', () => {
      const rows = 4;
      const idx = Array.from({ length: rows * 600 }, (_, k) => (k * 31) % n);
      const vals = Array.from({ length: rows * 600 }, (_, k) => k % 5);
      const base = be.zeros(rows * n, 'float32');
      // src stored as [600, 4], read as its transpose [4, 600]
      const stored = Array.from(
        { length: rows * 600 },
        (_, k) => vals[(k % rows) * 600 + Math.floor(k / rows)] as number,
      );
      const srcView = {
        buffer: be.fromValues(stored, 'float32'),
        shape: [rows, 600],
        strides: [1, rows],
        offset: 0,
      };
      const calls = be.kernels().calls;
      const out = be.scatter(
        contiguousView(base, [rows, n]),
        1,
        contiguousView(be.fromValues(idx, 'int32'), [rows, 600]),
        srcView,
        true,
      );
      const got = Array.from(be.readSync(out));
      const want = new Array<number>(rows * n).fill(0);
      idx.forEach((i, k) => {
        const r = Math.floor(k / 600);
        want[r * n + i] = (want[r * n + i] as number) + (vals[k] as number);
      });
      expect(got).toEqual(want);
      // keys, the identity permutation, 78 bitonic passes (4096 entries), the fold
      expect(be.kernels().calls - calls).toBe(1 + 1 + 78 + 1);
    });
  });
}
