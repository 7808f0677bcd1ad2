import { describe, it } from 'vitest';
import type { DType } from '../dtype.js';
import type { BinaryOp } from '../ops.js';
import { BINARY_OPS, BOOL_RESULT_OPS } from '../ops.js';
import {
  broadcastRows,
  cycle,
  expectBuffer,
  f32,
  type GetBackend,
  layouts,
  put,
  RTOL,
  view,
} from './harness.js';
import { BINARY_INT32_REF, BINARY_REF } from './references.js';

const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;

/**
 * [3, 6] float32 pairs chosen for the edge cases: NaN on either side, inf - inf, inf * 0,
 * 0 / 0, ±0 compared, equal values, and pow's specials (0^0, 1^NaN, (-1)^inf, (-8)^(1/3)).
 */
const A = [1, -2, 3.5, 0, -0, 2, NAN, 1, INF, -INF, INF, 0.5, -8, 1, -1, 2.5, 7, 0.25].map(f32);
const B = [2, 3, 3.5, 0, 0, -2, 1, NAN, INF, 1, 0, 0.5, 1 / 3, NAN, INF, -1.5, -3, 3].map(f32);

/** [3, 4] int32 pairs: overflow on add, sub, mul and pow, truncating division (no zero divisor). */
const IA = [2147483647, -2147483648, 65536, -7, 7, 5, 0, -3, 2, 100, -1, 12];
const IB = [1, 1, 65536, 2, 2, 20, 3, 3, 31, 7, 1, 12];

/** The result dtype of `op` on inputs of `dtype`. */
function outType(op: BinaryOp, dtype: DType): DType {
  return BOOL_RESULT_OPS.has(op) ? 'bool' : dtype;
}

function expected(op: BinaryOp, dtype: DType, a: readonly number[], b: readonly number[]) {
  const f = (dtype === 'int32' ? BINARY_INT32_REF[op] : undefined) ?? BINARY_REF[op];
  const round = dtype === 'float32' && !BOOL_RESULT_OPS.has(op) ? f32 : (x: number) => x;
  return a.map((x, i) => round(f(x, b[i] as number)));
}

/** Elementwise ops of two inputs, every op on every pairing of layouts, plus broadcasting. */
export function binaryTests(get: GetBackend): void {
  describe('binary', () => {
    for (const op of BINARY_OPS) {
      const rtol = op === 'pow' ? RTOL : 0;

      it(`${op} on float32, mixed layouts, NaN and ±inf`, async () => {
        const be = get();
        const bs = layouts(be, B, [3, 6], 'float32');
        const want = expected(op, 'float32', A, B);
        for (const [i, a] of layouts(be, A, [3, 6], 'float32').entries()) {
          // pair each layout of a with a different layout of b
          const b = cycle(bs, i + 1).view;
          await expectBuffer(be, be.binary(op, a.view, b), outType(op, 'float32'), want, { rtol });
        }
      });

      it(`${op} broadcasts a stride-0 operand`, async () => {
        const be = get();
        const row = broadcastRows(be, B.slice(0, 6), 3, 'float32');
        const a = put(be, A, [3, 6], 'float32');
        const want = expected(op, 'float32', A, row.values);
        await expectBuffer(be, be.binary(op, a, row.view), outType(op, 'float32'), want, { rtol });
        const back = expected(op, 'float32', row.values, A);
        await expectBuffer(be, be.binary(op, row.view, a), outType(op, 'float32'), back, { rtol });
      });

      it(`${op} on int32 wraps as C int32, mixed layouts`, async () => {
        const be = get();
        const bs = layouts(be, IB, [3, 4], 'int32');
        const want = expected(op, 'int32', IA, IB);
        for (const [i, a] of layouts(be, IA, [3, 4], 'int32').entries()) {
          const b = cycle(bs, i + 2).view;
          await expectBuffer(be, be.binary(op, a.view, b), outType(op, 'int32'), want);
        }
      });

      it(`${op} on scalars and empty views`, async () => {
        const be = get();
        const a = put(be, [6], [], 'float32');
        const b = put(be, [4], [], 'float32');
        await expectBuffer(
          be,
          be.binary(op, a, b),
          outType(op, 'float32'),
          expected(op, 'float32', [6], [4]),
        );
        const e = view(be.zeros(0, 'float32'), [3, 0]);
        await expectBuffer(be, be.binary(op, e, e), outType(op, 'float32'), []);
      });
    }

    // torch 1.13.1: bool + bool is logical or, bool * bool is logical and, both bool.
    const BOOL_OPS: readonly BinaryOp[] = [
      'and',
      'or',
      'eq',
      'ne',
      'lt',
      'le',
      'gt',
      'ge',
      'maximum',
      'minimum',
      'add',
      'mul',
    ];
    for (const op of BOOL_OPS) {
      it(`${op} on bool`, async () => {
        const be = get();
        const a = put(be, [0, 0, 1, 1], [2, 2], 'bool');
        const b = view(be.fromValues([0, 0, 1, 1], 'bool'), [2, 2], [1, 2]); // transposed
        const bv = [0, 1, 0, 1];
        const want = [0, 0, 1, 1].map((x, i) => (BINARY_REF[op](x, bv[i] as number) !== 0 ? 1 : 0));
        await expectBuffer(be, be.binary(op, a, b), 'bool', want);
      });
    }

    // Values printed by torch 1.13.1 for the IA / IB pairs above:
    //   a = torch.tensor(IA, dtype=torch.int32); b = torch.tensor(IB, dtype=torch.int32)
    //   a * b, torch.pow(a, b), torch.div(a, b, rounding_mode='trunc'), and
    //   torch.pow(torch.tensor([3, 7, -3, 2, -1]), torch.tensor([63, 99, 77, 32, 1001])) in int32
    it('int32 mul, pow and div match torch 1.13.1', async () => {
      const be = get();
      const a = put(be, IA, [12], 'int32');
      const b = put(be, IB, [12], 'int32');
      await expectBuffer(
        be,
        be.binary('mul', a, b),
        'int32',
        [2147483647, -2147483648, 0, -14, 14, 100, 0, -9, 62, 700, -1, 144],
      );
      await expectBuffer(
        be,
        be.binary('pow', a, b),
        'int32',
        [
          2147483647, -2147483648, 0, 49, 49, 1977800241, 0, -27, -2147483648, 276447232, -1,
          -251658240,
        ],
      );
      const p = put(be, [3, 7, -3, 2, -1], [5], 'int32');
      const e = put(be, [63, 99, 77, 32, 1001], [5], 'int32');
      await expectBuffer(
        be,
        be.binary('pow', p, e),
        'int32',
        [2111105451, 146745431, 220914989, 0, -1],
      );
      await expectBuffer(
        be,
        be.binary('div', a, b),
        'int32',
        [2147483647, -2147483648, 1, -3, 3, 0, 0, -1, 0, 14, -1, 1],
      );
    });

    // torch 1.13.1: a * b, a + b, a - b for these int32 pairs (products past 2^53 lose their
    // low bits in doubles, so a wrapped double product would be wrong)
    it('int32 mul, add and sub keep the low 32 bits (torch 1.13.1)', async () => {
      const be = get();
      const a = put(be, [2147483647, 123456789, -2147483648, -2147483647, 46341], [5], 'int32');
      const b = put(be, [2147483647, 987654321, -2147483648, 2147483647, 46341], [5], 'int32');
      await expectBuffer(be, be.binary('mul', a, b), 'int32', [1, -67153019, 0, -1, -2147479015]);
      await expectBuffer(be, be.binary('add', a, b), 'int32', [-2, 1111111110, 0, 0, 92682]);
      await expectBuffer(be, be.binary('sub', a, b), 'int32', [0, -864197532, 0, 2, 0]);
    });

    // torch 1.13.1: torch.pow(a, b) for these pairs (C pow conventions, not Math.pow's).
    it('float32 pow of special values matches torch 1.13.1', async () => {
      const be = get();
      const a = put(be, [-1, -1, 1, 1, 2, 0, -0, 0, -8, NAN, 2, 0.5, -2], [13], 'float32');
      const b = put(
        be,
        [INF, -INF, NAN, INF, INF, -INF, -1, 0.5, 2, 0, -INF, INF, 3],
        [13],
        'float32',
      );
      await expectBuffer(be, be.binary('pow', a, b), 'float32', [
        1,
        1,
        1,
        1,
        INF,
        INF,
        -INF,
        0,
        64,
        1,
        0,
        0,
        -8,
      ]);
    });

    it('maximum and minimum propagate NaN from either side', async () => {
      const be = get();
      const a = put(be, [NAN, 1, 2, -INF], [4], 'float32');
      const b = put(be, [1, NAN, 3, INF], [4], 'float32');
      await expectBuffer(be, be.binary('maximum', a, b), 'float32', [NAN, NAN, 3, INF]);
      await expectBuffer(be, be.binary('minimum', a, b), 'float32', [NAN, NAN, 2, -INF]);
    });
  });
}
