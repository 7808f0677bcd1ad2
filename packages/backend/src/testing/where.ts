import { describe, it } from 'vitest';
import type { DType } from '../dtype.js';
import { cycle, expectBuffer, type GetBackend, layouts, put, view } from './harness.js';

const NAN = Number.NaN;

const COND = [1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0]; // [3, 4]
const VALUES: Record<DType, { a: number[]; b: number[] }> = {
  float32: {
    a: [1.5, 2, NAN, 4, -0.5, 6, 7, 8, Number.POSITIVE_INFINITY, 10, 11, 12],
    b: [-1, -2, -3, NAN, -5, -6, -7, -8, -9, -10, -11, Number.NEGATIVE_INFINITY],
  },
  int32: {
    a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 2147483647],
    b: [-1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -2147483648],
  },
  bool: { a: [1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0], b: [0, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1] },
};

/** `torch.where(cond, a, b)` on every dtype and layout, with broadcast operands. */
export function whereTests(get: GetBackend): void {
  describe('where', () => {
    for (const dtype of ['float32', 'int32', 'bool'] as const) {
      it(`picks a or b elementwise, ${dtype}, every layout`, async () => {
        const be = get();
        const { a, b } = VALUES[dtype];
        const want = COND.map((c, i) => (c ? a[i] : b[i]) as number);
        const cs = layouts(be, COND, [3, 4], 'bool', 1);
        const bs = layouts(be, b, [3, 4], dtype);
        for (const [i, av] of layouts(be, a, [3, 4], dtype).entries()) {
          const out = be.where(cycle(cs, i + 1).view, av.view, cycle(bs, i + 2).view);
          await expectBuffer(be, out, dtype, want);
        }
      });
    }

    it('broadcast (stride-0) cond and operands', async () => {
      const be = get();
      const cond = view(be.fromValues([1, 0, 1], 'bool'), [2, 3], [0, 1]);
      const a = view(be.fromValues([7], 'float32'), [2, 3], [0, 0]);
      const b = put(be, [1, 2, 3, 4, 5, 6], [2, 3], 'float32');
      await expectBuffer(be, be.where(cond, a, b), 'float32', [7, 2, 7, 7, 5, 7]);
    });

    it('a scalar and an empty view', async () => {
      const be = get();
      const s = (v: number, d: DType) => put(be, [v], [], d);
      await expectBuffer(be, be.where(s(0, 'bool'), s(1, 'int32'), s(2, 'int32')), 'int32', [2]);
      const e = (d: DType) => view(be.zeros(0, d), [0, 3]);
      await expectBuffer(be, be.where(e('bool'), e('float32'), e('float32')), 'float32', []);
    });
  });
}
