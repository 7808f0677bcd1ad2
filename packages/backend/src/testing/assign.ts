import { describe, it } from 'vitest';
import {
  expectBuffer,
  expectValues,
  type GetBackend,
  layouts,
  put,
  readAll,
  view,
} from './harness.js';

/** In-place writes into strided views: columns, flipped rows, transposes, broadcast sources. */
export function assignTests(get: GetBackend): void {
  describe('assign', () => {
    it('a broadcast scalar into one column of a matrix', async () => {
      const be = get();
      const m = be.zeros(12, 'float32'); // [3, 4]
      const col2 = view(m, [3], [4], 2);
      be.assign(col2, view(be.fromValues([7.5], 'float32'), [3], [0]));
      expectValues(await readAll(be, m), [0, 0, 7.5, 0, 0, 0, 7.5, 0, 0, 0, 7.5, 0]);
    });

    it('a row written through a flipped view; the rest is untouched', async () => {
      const be = get();
      const m = be.fromValues([1, 2, 3, 4, 5, 6, 7, 8], 'int32'); // [2, 4]
      be.assign(view(m, [4], [-1], 7), put(be, [10, 20, 30, 40], [4], 'int32'));
      expectValues(await readAll(be, m), [1, 2, 3, 4, 40, 30, 20, 10]);
    });

    it('every layout of source into a transposed destination', async () => {
      const be = get();
      const src = [1, 2, 3, 4, 5, 6];
      for (const { view: s } of layouts(be, src, [2, 3], 'float32')) {
        const d = be.zeros(6, 'float32');
        // d viewed as [2, 3] with strides [1, 2]: d holds the transpose of src
        be.assign(view(d, [2, 3], [1, 2]), s);
        expectValues(await readAll(be, d), [1, 4, 2, 5, 3, 6]);
      }
    });

    it('every layout of destination (bool), with a broadcast row as source', async () => {
      const be = get();
      for (const { view: d } of layouts(be, [0, 0, 0, 0, 0, 0], [3, 2], 'bool', 0)) {
        be.assign(d, view(be.fromValues([1, 0], 'bool'), [3, 2], [0, 1]));
        await expectBuffer(be, be.cast(d, 'bool'), 'bool', [1, 0, 1, 0, 1, 0]);
      }
    });

    it('a scalar view, an empty view, and a sub-block with an offset', async () => {
      const be = get();
      const m = be.fromValues([1, 2, 3, 4, 5, 6, 7, 8, 9], 'float32'); // [3, 3]
      be.assign(view(m, [], [], 1), put(be, [-5], [], 'float32'));
      be.assign(view(m, [0, 3], [3, 1], 0), view(be.zeros(0, 'float32'), [0, 3]));
      // the bottom-right [2, 2] block
      be.assign(view(m, [2, 2], [3, 1], 4), put(be, [50, 60, 80, 90], [2, 2], 'float32'));
      expectValues(await readAll(be, m), [1, -5, 3, 4, 50, 60, 7, 80, 90]);
    });
  });
}
