import { describe, it } from 'vitest';
import { contiguousStrides } from '../shape.js';
import { cycle, expectBuffer, f32, type GetBackend, layouts, put, view } from './harness.js';

const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;

/** The suite's reference: `[batch, m, k] @ [batch, k, n]` row-major, in doubles, rounded once. */
function referenceMatmul(
  a: readonly number[],
  b: readonly number[],
  batch: number,
  m: number,
  k: number,
  n: number,
): number[] {
  const out: number[] = [];
  for (let t = 0; t < batch; t++) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) {
          s += (a[(t * m + i) * k + p] as number) * (b[(t * k + p) * n + j] as number);
        }
        out.push(f32(s));
      }
    }
  }
  return out;
}

/** Values that are multiples of 1/8 below 4 in size: every dot product here is exact. */
function grid(size: number, seed: number): number[] {
  return Array.from({ length: size }, (_, i) => (((i * 7 + seed * 13) % 29) - 14) / 8);
}

/** Batched matrix products with transposed, flipped, spread and broadcast operands. */
export function matmulTests(get: GetBackend): void {
  describe('matmul', () => {
    it('[2, 3] @ [3, 4] by hand', async () => {
      const be = get();
      const a = put(be, [1, 2, 3, 4, 5, 6], [2, 3], 'float32');
      const b = put(be, [1, 0, -1, 2, 0, 1, 1, -2, 2, 1, 0, 0.5], [3, 4], 'float32');
      await expectBuffer(be, be.matmul(a, b), 'float32', [7, 5, 1, -0.5, 16, 11, 1, 1]);
    });

    it('[5, 7] @ [7, 6], every layout of both operands', async () => {
      const be = get();
      const av = grid(35, 1);
      const bv = grid(42, 2);
      const want = referenceMatmul(av, bv, 1, 5, 7, 6);
      const bs = layouts(be, bv, [7, 6], 'float32');
      for (const [i, a] of layouts(be, av, [5, 7], 'float32').entries()) {
        for (const b of [cycle(bs, 0), cycle(bs, i + 1)]) {
          await expectBuffer(be, be.matmul(a.view, b.view), 'float32', want);
        }
      }
    });

    it('batched [2, 3, 2, 4] @ [2, 3, 4, 3], every layout', async () => {
      const be = get();
      const av = grid(48, 3);
      const bv = grid(72, 4);
      const want = referenceMatmul(av, bv, 6, 2, 4, 3);
      const bs = layouts(be, bv, [2, 3, 4, 3], 'float32');
      for (const [i, a] of layouts(be, av, [2, 3, 2, 4], 'float32').entries()) {
        const b = cycle(bs, i + 2);
        await expectBuffer(be, be.matmul(a.view, b.view), 'float32', want);
      }
    });

    it('a transposed operand: a @ w.T with w stored as [N, K]', async () => {
      const be = get();
      const av = grid(12, 5); // [3, 4]
      const wv = grid(8, 6); // w: [2, 4], so w.T: [4, 2] with strides [1, 4]
      const wt = view(be.fromValues(wv, 'float32'), [4, 2], [1, 4]);
      const wtValues = [0, 1, 2, 3].flatMap((p) => [wv[p] as number, wv[4 + p] as number]);
      const want = referenceMatmul(av, wtValues, 1, 3, 4, 2);
      await expectBuffer(be, be.matmul(put(be, av, [3, 4], 'float32'), wt), 'float32', want);
    });

    it('a batch dimension broadcast by stride 0', async () => {
      const be = get();
      const av = grid(6, 7); // one [2, 3] matrix used for a batch of 4
      const bv = grid(4 * 3 * 2, 8);
      const a = view(be.fromValues(av, 'float32'), [4, 2, 3], [0, ...contiguousStrides([2, 3])]);
      const want = referenceMatmul([...av, ...av, ...av, ...av], bv, 4, 2, 3, 2);
      await expectBuffer(be, be.matmul(a, put(be, bv, [4, 3, 2], 'float32')), 'float32', want);
    });

    it('K = 0 gives zeros; M = 0 or N = 0 gives an empty result', async () => {
      const be = get();
      const e = be.zeros(0, 'float32');
      await expectBuffer(
        be,
        be.matmul(view(e, [2, 0]), view(e, [0, 3])),
        'float32',
        [0, 0, 0, 0, 0, 0],
      );
      const b = put(be, [1, 2, 3, 4], [2, 2], 'float32');
      await expectBuffer(be, be.matmul(view(e, [0, 2]), b), 'float32', []);
      await expectBuffer(be, be.matmul(b, view(e, [2, 0])), 'float32', []);
    });

    it('NaN and inf propagate (inf * 0 is NaN, no zero is skipped)', async () => {
      const be = get();
      const a = put(be, [1, 0, 0, 0, INF, 1], [3, 2], 'float32');
      const b = put(be, [NAN, 1, 1, 2], [2, 2], 'float32');
      // row 0: [NaN, 1]; row 1: 0 * NaN = NaN, 0 * 1 + 0 * 2 = 0; row 2: inf * NaN, inf + 2
      await expectBuffer(be, be.matmul(a, b), 'float32', [NAN, 1, NAN, 0, NAN, INF]);
    });
  });
}
