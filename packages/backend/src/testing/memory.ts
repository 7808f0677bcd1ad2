import { describe, expect, it } from 'vitest';
import type { DType } from '../dtype.js';
import { DTYPES } from '../dtype.js';
import { expectBuffer, f32, type GetBackend, readAll } from './harness.js';

const ARRAY_CLASS: Record<DType, string> = {
  float32: 'Float32Array',
  int32: 'Int32Array',
  bool: 'Uint8Array',
};

/** zeros / fromValues / read / readSync / dispose. */
export function memoryTests(get: GetBackend): void {
  describe('memory', () => {
    it('names its device', () => {
      expect(typeof get().device).toBe('string');
      expect(get().device.length).toBeGreaterThan(0);
    });

    for (const dtype of DTYPES) {
      it(`zeros(5, '${dtype}') reads back five zeros in a ${ARRAY_CLASS[dtype]}`, async () => {
        const be = get();
        const b = be.zeros(5, dtype);
        await expectBuffer(be, b, dtype, [0, 0, 0, 0, 0]);
        expect((await be.read(b)).constructor.name).toBe(ARRAY_CLASS[dtype]);
      });
    }

    it('zeros(0) is an empty buffer', async () => {
      const be = get();
      await expectBuffer(be, be.zeros(0, 'float32'), 'float32', []);
      await expectBuffer(be, be.fromValues([], 'int32'), 'int32', []);
    });

    it('fromValues rounds to float32', async () => {
      const be = get();
      const v = [0.1, -2.5, 1e40, -1e-50, Number.NaN, Number.POSITIVE_INFINITY, 16777217];
      // 1e40 overflows float32 to inf; 16777217 = 2^24 + 1 rounds to 2^24.
      await expectBuffer(be, be.fromValues(v, 'float32'), 'float32', v.map(f32));
      expect(await readAll(be, be.fromValues([0.1], 'float32'))).toEqual([0.10000000149011612]);
    });

    it('fromValues truncates toward zero for int32', async () => {
      const be = get();
      const b = be.fromValues([1.9, -1.9, 0.5, -0.5, 3, -2147483648, 2147483647], 'int32');
      await expectBuffer(be, b, 'int32', [1, -1, 0, 0, 3, -2147483648, 2147483647]);
    });

    it('fromValues gives bool as value != 0 (NaN is true, -0 is false)', async () => {
      const be = get();
      const b = be.fromValues([0, 2, -1, 0.5, Number.NaN, -0], 'bool');
      await expectBuffer(be, b, 'bool', [0, 1, 1, 1, 1, 0]);
    });

    it('fromValues accepts typed arrays', async () => {
      const be = get();
      await expectBuffer(
        be,
        be.fromValues(new Float64Array([1.5, 2]), 'float32'),
        'float32',
        [1.5, 2],
      );
      await expectBuffer(be, be.fromValues(new Uint8Array([0, 1]), 'bool'), 'bool', [0, 1]);
    });

    it('readSync gives what read gives, or throws an Error', async () => {
      const be = get();
      const b = be.fromValues([1, 2, 3], 'int32');
      const async = Array.from(await be.read(b));
      let sync: number[] | undefined;
      try {
        sync = Array.from(be.readSync(b));
      } catch (e) {
        expect(e).toBeInstanceOf(Error);
      }
      if (sync) expect(sync).toEqual(async);
    });

    it('dispose accepts a buffer it made', () => {
      const be = get();
      expect(() => be.dispose(be.fromValues([1], 'float32'))).not.toThrow();
    });
  });
}
