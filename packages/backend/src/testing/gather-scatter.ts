import { describe, it } from 'vitest';
import type { DType } from '../dtype.js';
import type { Shape } from '../shape.js';
import {
  count,
  cycle,
  eachIndex,
  expectBuffer,
  expectValues,
  f32,
  flat,
  type GetBackend,
  layouts,
  put,
  readAll,
  view,
} from './harness.js';

/** The suite's reference `torch.gather`. */
function referenceGather(
  x: readonly number[],
  xShape: Shape,
  axis: number,
  index: readonly number[],
  indexShape: Shape,
): number[] {
  const out: number[] = [];
  eachIndex(indexShape, (m, i) => {
    const at = m.map((k, d) => (d === axis ? (index[i] as number) : k));
    out.push(x[flat(xShape, at)] as number);
  });
  return out;
}

/** The suite's reference `torch.scatter` / `torch.scatter_add`, rounding each sum to `dtype`. */
function referenceScatter(
  x: readonly number[],
  xShape: Shape,
  axis: number,
  index: readonly number[],
  indexShape: Shape,
  src: readonly number[],
  accumulate: boolean,
  dtype: DType,
): number[] {
  const out = [...x];
  const round = dtype === 'int32' ? (v: number) => v | 0 : f32;
  eachIndex(indexShape, (m, i) => {
    const p = flat(
      xShape,
      m.map((k, d) => (d === axis ? (index[i] as number) : k)),
    );
    const v = src[i] as number;
    out[p] = accumulate ? round((out[p] as number) + v) : v;
  });
  return out;
}

const X = [1.5, -2, 3, 4, 5, -6.25, 7, 8, 9, 10, 11, -12]; // [3, 4]

/** gather and scatter (plain and accumulating) along each axis, on every layout. */
export function gatherScatterTests(get: GetBackend): void {
  describe('gather', () => {
    const cases: { axis: number; index: number[]; shape: Shape }[] = [
      { axis: 0, index: [2, 0, 1, 1, 0, 0, 2, 1], shape: [2, 4] },
      { axis: 1, index: [3, 0, 1, 1, 2, 0], shape: [3, 2] },
      // smaller than x on the other axis too, as torch.gather allows
      { axis: 1, index: [3, 3, 0, 2], shape: [2, 2] },
      { axis: 0, index: [], shape: [0, 4] },
    ];
    for (const { axis, index, shape } of cases) {
      it(`axis ${axis}, index [${shape.join(', ')}], every layout of x and of index`, async () => {
        const be = get();
        const want = referenceGather(X, [3, 4], axis, index, shape);
        const idx = layouts(be, index, shape, 'int32');
        for (const [i, x] of layouts(be, X, [3, 4], 'float32').entries()) {
          const ix = cycle(idx, i).view;
          await expectBuffer(be, be.gather(x.view, axis, ix), 'float32', want);
        }
      });
    }

    it('3-D along the middle axis, int32 and bool values', async () => {
      const be = get();
      const xv = Array.from({ length: 24 }, (_, i) => i * 3 - 30);
      const index = [2, 0, 1, 1, 0, 2, 2, 2];
      const want = referenceGather(xv, [2, 3, 4], 1, index, [2, 1, 4]);
      const x = put(be, xv, [2, 3, 4], 'int32');
      await expectBuffer(be, be.gather(x, 1, put(be, index, [2, 1, 4], 'int32')), 'int32', want);
      const b = put(be, [1, 0, 0, 1], [2, 2], 'bool');
      const bi = put(be, [1, 1, 0, 1], [2, 2], 'int32');
      await expectBuffer(be, be.gather(b, 1, bi), 'bool', [0, 0, 0, 1]);
    });

    it('a broadcast (stride-0) index', async () => {
      const be = get();
      const index = view(be.fromValues([3, 1], 'int32'), [3, 2], [0, 1]);
      const want = referenceGather(X, [3, 4], 1, [3, 1, 3, 1, 3, 1], [3, 2]);
      await expectBuffer(be, be.gather(put(be, X, [3, 4], 'float32'), 1, index), 'float32', want);
    });
  });

  describe('scatter', () => {
    // index rows are distinct per column (axis 0) / per row (axis 1), so plain scatter is defined
    const cases: { axis: number; index: number[]; shape: Shape }[] = [
      { axis: 0, index: [0, 1, 2, 0, 2, 0, 1, 1], shape: [2, 4] },
      { axis: 1, index: [3, 0, 1, 2, 0, 3], shape: [3, 2] },
      { axis: 1, index: [2, 0], shape: [1, 2] },
      { axis: 0, index: [], shape: [0, 4] },
    ];
    for (const { axis, index, shape } of cases) {
      for (const accumulate of [false, true]) {
        const name = `${accumulate ? 'scatter_add' : 'scatter'} axis ${axis}`;
        it(`${name}, index [${shape.join(', ')}], every layout`, async () => {
          const be = get();
          const src = Array.from({ length: count(shape) }, (_, i) => 0.5 + i);
          const want = referenceScatter(X, [3, 4], axis, index, shape, src, accumulate, 'float32');
          const idx = layouts(be, index, shape, 'int32');
          const srcs = layouts(be, src, shape, 'float32');
          for (const [i, x] of layouts(be, X, [3, 4], 'float32').entries()) {
            const ix = cycle(idx, i).view;
            const s = cycle(srcs, i + 1).view;
            await expectBuffer(be, be.scatter(x.view, axis, ix, s, accumulate), 'float32', want);
          }
        });
      }
    }

    // torch 1.13.1: torch.zeros(3).scatter_add(0, torch.tensor([0, 0, 2]),
    // torch.tensor([1., 2., 3.])) is [3., 0., 3.]
    it('scatter_add sums repeated indices (torch 1.13.1)', async () => {
      const be = get();
      const x = put(be, [0, 0, 0], [3], 'float32');
      const out = be.scatter(
        x,
        0,
        put(be, [0, 0, 2], [3], 'int32'),
        put(be, [1, 2, 3], [3], 'float32'),
        true,
      );
      await expectBuffer(be, out, 'float32', [3, 0, 3]);
    });

    it('int32 scatter_add wraps; a broadcast src; x is left unchanged', async () => {
      const be = get();
      const xb = be.fromValues([2147483647, 5, -1, 0], 'int32');
      const x = view(xb, [2, 2]);
      const index = put(be, [0, 1, 1, 0], [2, 2], 'int32');
      const src = view(be.fromValues([1, 10], 'int32'), [2, 2], [0, 1]); // rows [1, 10], [1, 10]
      await expectBuffer(be, be.scatter(x, 0, index, src, true), 'int32', [-2147483648, 15, 0, 10]);
      await expectBuffer(be, be.scatter(x, 0, index, src, false), 'int32', [1, 10, 1, 10]);
      await expectBuffer(be, be.scatter(x, 1, index, src, true), 'int32', [-2147483648, 15, 9, 1]);
      expectValues(await readAll(be, xb), [2147483647, 5, -1, 0]);
    });
  });
}
