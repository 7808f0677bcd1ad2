import { describe, it } from 'vitest';
import type { DType } from '../dtype.js';
import { DTYPES } from '../dtype.js';
import { expectBuffer, f32, type GetBackend, layouts, put, view } from './harness.js';

const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;

/**
 * [2, 5] inputs of each dtype. float32 values stay inside int32's range and avoid NaN / inf
 * when cast to int32, where C (and PyTorch) leave the result undefined.
 */
const INPUTS: Record<DType, number[]> = {
  float32: [-2.7, -1.5, -0.5, -0, 0, 0.4, 1.5, 2.7, 100.9, -2147483520],
  int32: [-2147483648, -5, -1, 0, 1, 5, 16777217, 2147483647, 7, -16777217],
  bool: [0, 1, 1, 0, 1, 0, 0, 1, 1, 1],
};

/** Each pair's conversion, as PyTorch's `x.to(dtype)` defines it. */
function convert(v: number, from: DType, to: DType): number {
  if (to === 'bool') return v !== 0 ? 1 : 0;
  if (to === 'int32') return from === 'float32' ? Math.trunc(v) : v;
  return f32(v);
}

/** cast between every pair of dtypes, on every layout. */
export function castTests(get: GetBackend): void {
  describe('cast', () => {
    for (const from of DTYPES) {
      for (const to of DTYPES) {
        it(`${from} -> ${to}, every layout`, async () => {
          const be = get();
          const xs = INPUTS[from].map((v) => (from === 'float32' ? f32(v) : v));
          const want = xs.map((v) => convert(v, from, to));
          for (const { view: v } of layouts(be, xs, [2, 5], from, 1)) {
            await expectBuffer(be, be.cast(v, to), to, want);
          }
        });
      }
    }

    // torch 1.13.1: torch.tensor([-0., nan, 0.1, inf]).bool() is [False, True, True, True];
    // torch.tensor([-1.7, 1.7]).int() is [-1, 1]; torch.tensor(16777217, dtype=torch.int32)
    // .float() is 16777216.
    it('float -> bool is x != 0, float -> int truncates (torch 1.13.1)', async () => {
      const be = get();
      const x = put(be, [-0, NAN, 0.1, INF, -INF], [5], 'float32');
      await expectBuffer(be, be.cast(x, 'bool'), 'bool', [0, 1, 1, 1, 1]);
      await expectBuffer(
        be,
        be.cast(put(be, [-1.7, 1.7], [2], 'float32'), 'int32'),
        'int32',
        [-1, 1],
      );
      await expectBuffer(
        be,
        be.cast(put(be, [16777217], [1], 'int32'), 'float32'),
        'float32',
        [16777216],
      );
    });

    it('NaN and ±inf survive a float32 copy; a broadcast view is materialized', async () => {
      const be = get();
      const x = put(be, [NAN, INF, -INF], [3], 'float32');
      await expectBuffer(be, be.cast(x, 'float32'), 'float32', [NAN, INF, -INF]);
      const b = view(be.fromValues([1, 2], 'int32'), [3, 2], [0, 1]);
      await expectBuffer(be, be.cast(b, 'int32'), 'int32', [1, 2, 1, 2, 1, 2]);
      await expectBuffer(be, be.cast(b, 'float32'), 'float32', [1, 2, 1, 2, 1, 2]);
    });

    it('a scalar and an empty view', async () => {
      const be = get();
      await expectBuffer(be, be.cast(put(be, [-3.5], [], 'float32'), 'int32'), 'int32', [-3]);
      await expectBuffer(be, be.cast(view(be.zeros(0, 'int32'), [2, 0]), 'bool'), 'bool', []);
    });
  });
}
