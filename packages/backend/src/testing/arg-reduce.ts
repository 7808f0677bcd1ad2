import { describe, it } from 'vitest';
import type { ArgReduceOp } from '../ops.js';
import { expectBuffer, type GetBackend, layouts, put, view } from './harness.js';

const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;

/** The suite's reference: the first index of the extreme along `axis`; NaN beats everything. */
function referenceArg(
  op: ArgReduceOp,
  values: readonly number[],
  shape: readonly number[],
  axis: number,
): number[] {
  const outer = shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const n = shape[axis] as number;
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const out: number[] = [];
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      let best = 0;
      for (let k = 1; k < n; k++) {
        const v = values[(o * n + k) * inner + j] as number;
        const b = values[(o * n + best) * inner + j] as number;
        if (Number.isNaN(b)) break;
        if (Number.isNaN(v) || (op === 'argmax' ? v > b : v < b)) best = k;
      }
      out.push(best);
    }
  }
  return out;
}

/** [2, 3, 4] with ties along every axis. */
const X = [3, 1, 3, 0, 2, 3, 1, 0, 3, 2, 0, 0, 1, 1, 5, -1, 1, 4, 5, -1, 0, 4, -2, -1];

/** argmax / argmin: ties, NaN, every axis, every layout. */
export function argReduceTests(get: GetBackend): void {
  describe('argReduce', () => {
    for (const op of ['argmax', 'argmin'] as const) {
      for (const axis of [0, 1, 2]) {
        it(`${op} along axis ${axis} of [2, 3, 4] with ties, every layout`, async () => {
          const be = get();
          const want = referenceArg(op, X, [2, 3, 4], axis);
          for (const { view: v } of layouts(be, X, [2, 3, 4], 'float32')) {
            await expectBuffer(be, be.argReduce(op, v, axis), 'int32', want);
          }
        });
      }
    }

    // torch 1.13.1: torch.tensor([[1., 3., 3., 1.], [2., 2., 0., 0.]]).argmax(1) is [1, 0],
    // .argmin(1) is [0, 2]
    it('the first index wins on ties (torch 1.13.1)', async () => {
      const be = get();
      const x = put(be, [1, 3, 3, 1, 2, 2, 0, 0], [2, 4], 'float32');
      await expectBuffer(be, be.argReduce('argmax', x, 1), 'int32', [1, 0]);
      await expectBuffer(be, be.argReduce('argmin', x, 1), 'int32', [0, 2]);
      // the same rows stored reversed: "first" is in the view's order, not the buffer's
      const f = view(be.fromValues([0, 0, 2, 2, 1, 3, 3, 1], 'float32'), [2, 4], [-4, -1], 7);
      await expectBuffer(be, be.argReduce('argmax', f, 1), 'int32', [1, 0]);
      await expectBuffer(be, be.argReduce('argmin', f, 1), 'int32', [0, 2]);
    });

    // torch 1.13.1: torch.tensor([1., nan, 3., nan]).argmax() is 1, torch.tensor([1., nan, 3.])
    // .argmin() is 1, torch.tensor([nan, inf]).argmax() is 0, [-inf, -inf].argmax() is 0
    it('NaN counts as the extreme for both ops, the first NaN wins (torch 1.13.1)', async () => {
      const be = get();
      const x = put(be, [1, NAN, 3, NAN, NAN, INF, 0, 0, -INF, -INF, 1, 2], [3, 4], 'float32');
      await expectBuffer(be, be.argReduce('argmax', x, 1), 'int32', [1, 0, 3]);
      await expectBuffer(be, be.argReduce('argmin', x, 1), 'int32', [1, 0, 0]);
      await expectBuffer(be, be.argReduce('argmax', x, 0), 'int32', [1, 0, 0, 0]);
    });

    it('int32 and bool inputs; a scalar; a size-1 axis', async () => {
      const be = get();
      const i = put(be, [-5, 7, 7, -2147483648, 2147483647, 0], [2, 3], 'int32');
      await expectBuffer(be, be.argReduce('argmax', i, 1), 'int32', [1, 1]);
      await expectBuffer(be, be.argReduce('argmin', i, 1), 'int32', [0, 0]);
      const b = put(be, [0, 1, 1, 0, 0, 0], [2, 3], 'bool');
      await expectBuffer(be, be.argReduce('argmax', b, 1), 'int32', [1, 0]);
      await expectBuffer(be, be.argReduce('argmin', b, 1), 'int32', [0, 0]);
      const s = put(be, [4, 2, 9], [3, 1], 'float32');
      await expectBuffer(be, be.argReduce('argmax', s, 1), 'int32', [0, 0, 0]);
      await expectBuffer(be, be.argReduce('argmax', s, 0), 'int32', [2]);
    });

    it('a broadcast (stride-0) axis gives index 0', async () => {
      const be = get();
      const v = view(be.fromValues([3, 1, 2], 'float32'), [4, 3], [0, 1]);
      await expectBuffer(be, be.argReduce('argmax', v, 0), 'int32', [0, 0, 0]);
      await expectBuffer(be, be.argReduce('argmin', v, 1), 'int32', [1, 1, 1, 1]);
    });
  });
}
