import { describe, it } from 'vitest';
import type { UnaryOp } from '../ops.js';
import { UNARY_OPS } from '../ops.js';
import {
  broadcastRows,
  expectBuffer,
  f32,
  type GetBackend,
  layouts,
  put,
  RTOL,
  view,
} from './harness.js';
import { EXACT_UNARY, UNARY_REF } from './references.js';

const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;

/** [3, 6] float32 inputs: halves (for round), signed zeros, NaN and infinities. */
const FLOATS = [
  -3.7,
  -2.5,
  -1.5,
  -1,
  -0.5,
  -0.25,
  -0,
  0,
  0.3,
  0.5,
  1,
  1.5,
  2.5,
  3.7,
  10,
  NAN,
  INF,
  -INF,
].map(f32);

/** [2, 4] int32 inputs, with both ends of the range. */
const INTS = [-2147483648, -7, -1, 0, 1, 7, 2147483647, 100];

/** The ops that make sense on int32 (the tensor layer promotes int32 to float32 for the rest). */
const INT_OPS: readonly UnaryOp[] = ['neg', 'abs', 'sign', 'relu', 'floor', 'ceil', 'round', 'not'];

/** Expected float32 results of `op` on `xs`. */
function expectedFloat(op: UnaryOp, xs: readonly number[]): number[] {
  return xs.map((x) => f32(UNARY_REF[op](x)));
}

/** Elementwise ops of one input, every op on every layout. */
export function unaryTests(get: GetBackend): void {
  describe('unary', () => {
    for (const op of UNARY_OPS) {
      const dtype = op === 'not' ? 'bool' : 'float32';
      const rtol = EXACT_UNARY.has(op) ? 0 : RTOL;

      it(`${op} on float32, every layout, NaN and ±inf`, async () => {
        const be = get();
        for (const { view: v } of layouts(be, FLOATS, [3, 6], 'float32')) {
          await expectBuffer(be, be.unary(op, v), dtype, expectedFloat(op, FLOATS), { rtol });
        }
        const b = broadcastRows(be, FLOATS.slice(8, 14), 3, 'float32');
        await expectBuffer(be, be.unary(op, b.view), dtype, expectedFloat(op, b.values), { rtol });
      });

      it(`${op} on a scalar and on empty views`, async () => {
        const be = get();
        const s = put(be, [2.5], [], 'float32');
        await expectBuffer(be, be.unary(op, s), dtype, expectedFloat(op, [2.5]), { rtol });
        const empty = be.zeros(0, 'float32');
        await expectBuffer(be, be.unary(op, view(empty, [0])), dtype, []);
        await expectBuffer(be, be.unary(op, view(empty, [2, 0, 3], [0, 3, 1])), dtype, []);
      });
    }

    for (const op of INT_OPS) {
      it(`${op} on int32 wraps as C int32, every layout`, async () => {
        const be = get();
        const dtype = op === 'not' ? 'bool' : 'int32';
        const expected = INTS.map((x) => UNARY_REF[op](x) | 0);
        for (const { view: v } of layouts(be, INTS, [2, 4], 'int32')) {
          await expectBuffer(be, be.unary(op, v), dtype, expected);
        }
      });
    }

    it('not on bool, every layout', async () => {
      const be = get();
      const xs = [0, 1, 1, 0, 0, 1];
      for (const { view: v } of layouts(be, xs, [2, 3], 'bool', 1)) {
        await expectBuffer(be, be.unary('not', v), 'bool', [1, 0, 0, 1, 1, 0]);
      }
    });

    // Values printed by torch 1.13.1:
    //   x = torch.tensor([nan, inf, -inf, 0., -0., 1.5, -2.5, 2.5, 0.5, -0.5])
    //   x.sign(), x.relu(), x.round(), x.floor(), x.ceil(), x.abs(), x.sigmoid(), x.rsqrt(),
    //   x.logical_not()
    const EDGE = [NAN, INF, -INF, 0, -0, 1.5, -2.5, 2.5, 0.5, -0.5];
    const TORCH_EDGE: Partial<Record<UnaryOp, number[]>> = {
      sign: [0, 1, -1, 0, 0, 1, -1, 1, 1, -1],
      relu: [NAN, INF, 0, 0, -0, 1.5, 0, 2.5, 0.5, 0],
      round: [NAN, INF, -INF, 0, -0, 2, -2, 2, 0, -0],
      floor: [NAN, INF, -INF, 0, -0, 1, -3, 2, 0, -1],
      ceil: [NAN, INF, -INF, 0, -0, 2, -2, 3, 1, -0],
      abs: [NAN, INF, INF, 0, 0, 1.5, 2.5, 2.5, 0.5, 0.5],
      sigmoid: [
        NAN,
        1,
        0,
        0.5,
        0.5,
        0.8175744414329529,
        0.07585817575454712,
        0.9241418242454529,
        0.622459352016449,
        0.3775406777858734,
      ],
      rsqrt: [
        NAN,
        0,
        NAN,
        INF,
        -INF,
        0.8164965510368347,
        NAN,
        0.6324555277824402,
        1.4142135381698608,
        NAN,
      ],
      not: [0, 0, 0, 1, 1, 0, 0, 0, 0, 0],
    };
    for (const [op, expected] of Object.entries(TORCH_EDGE) as [UnaryOp, number[]][]) {
      it(`${op} of NaN, ±inf, ±0 and halves matches torch 1.13.1`, async () => {
        const be = get();
        const out = be.unary(op, put(be, EDGE, [EDGE.length], 'float32'));
        const rtol = EXACT_UNARY.has(op) ? 0 : RTOL;
        await expectBuffer(be, out, op === 'not' ? 'bool' : 'float32', expected, { rtol });
      });
    }

    it('neg and abs of int32 -2^31 wrap to -2^31, as torch 1.13.1 gives', async () => {
      const be = get();
      const x = put(be, [-2147483648, -7, 7, 2147483647], [4], 'int32');
      await expectBuffer(be, be.unary('neg', x), 'int32', [-2147483648, 7, -7, -2147483647]);
      await expectBuffer(be, be.unary('abs', x), 'int32', [-2147483648, 7, 7, 2147483647]);
      await expectBuffer(be, be.unary('sign', x), 'int32', [-1, -1, 1, 1]);
    });
  });
}
