import { describe, expect, it } from 'vitest';
import type { BufferLike } from '../backend.js';
import type { DType } from '../dtype.js';
import { forEachIndex, type View } from '../view.js';
import { type AnyBackend, broadcastRows, close, layouts } from './harness.js';
import { referenceReduce } from './reduce.js';
import { cPow, powInt32, roundHalfEven } from './references.js';

/** Just enough of a backend to make buffers: the layouts need only `fromValues`. */
interface HostBuffer extends BufferLike {
  data: number[];
}
const host = {
  fromValues: (values: ArrayLike<number>, dtype: DType): HostBuffer => ({
    dtype,
    size: values.length,
    data: Array.from(values),
  }),
} as unknown as AnyBackend;

function elements(v: View<BufferLike>): number[] {
  const data = (v.buffer as HostBuffer).data;
  const out: number[] = [];
  forEachIndex(v, (_, at) => out.push(data[at] as number));
  return out;
}

describe('the suite harness', () => {
  const cases: [number[], number[]][] = [
    [[3, 6], Array.from({ length: 18 }, (_, i) => i * 1.5 - 4)],
    [[2, 3, 4], Array.from({ length: 24 }, (_, i) => 100 - i)],
    [[5], [5, 4, 3, 2, 1]],
    [[], [42]],
    [[2, 0], []],
  ];
  for (const [shape, values] of cases) {
    it(`every layout of [${shape.join(', ')}] reads the same values`, () => {
      const ls = layouts(host, values, shape, 'float32', -999);
      expect(ls.map((l) => l.name)).toContain('flipped');
      for (const l of ls) expect(elements(l.view), l.name).toEqual(values);
    });
  }

  it('broadcastRows repeats one stored row', () => {
    const b = broadcastRows(host, [1, 2], 3, 'int32');
    expect(b.view.strides).toEqual([0, 1]);
    expect(elements(b.view)).toEqual(b.values);
    expect(b.values).toEqual([1, 2, 1, 2, 1, 2]);
  });

  it('close: NaN matches NaN, 0 matches -0, infinities match only themselves', () => {
    expect(close(Number.NaN, Number.NaN)).toBe(true);
    expect(close(-0, 0)).toBe(true);
    expect(close(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 1e-6)).toBe(true);
    expect(close(3.4e38, Number.POSITIVE_INFINITY, 1e-6)).toBe(false);
    expect(close(1 + 1e-7, 1, 1e-6)).toBe(true);
    expect(close(1 + 1e-5, 1, 1e-6)).toBe(false);
    expect(close(1e-30, 0, 1e-6)).toBe(false);
  });

  it('references: round half to even, C pow, wrapping int32 pow', () => {
    expect([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 2.6].map(roundHalfEven)).toEqual([
      -2, -2, -0, 0, 2, 2, 3,
    ]);
    expect(cPow(1, Number.NaN)).toBe(1);
    expect(cPow(-1, Number.NEGATIVE_INFINITY)).toBe(1);
    expect(powInt32(5, 20)).toBe(1977800241);
  });

  it('referenceReduce keeps dims and folds the right elements', () => {
    const x = [1, 2, 3, 4, 5, 6]; // [2, 3]
    expect(referenceReduce('sum', x, [2, 3], [0])).toEqual([5, 7, 9]);
    expect(referenceReduce('sum', x, [2, 3], [1])).toEqual([6, 15]);
    expect(referenceReduce('prod', x, [2, 3], [0, 1])).toEqual([720]);
    expect(referenceReduce('max', [1, Number.NaN, 3], [3], [0])).toEqual([Number.NaN]);
  });
});
