import { describe, expect, it } from 'vitest';
import { castScalar, promoteTypes } from './dtype.js';
import { broadcastShapes, contiguousStrides, numel, shapesEqual, shapeToString } from './shape.js';
import { contiguousView, forEachIndex, hasOverlap, isContiguousView } from './view.js';

describe('shape helpers', () => {
  it('counts elements, with 1 for a scalar and 0 for an empty dimension', () => {
    expect(numel([2, 3, 4])).toBe(24);
    expect(numel([])).toBe(1);
    expect(numel([3, 0, 2])).toBe(0);
  });

  it('gives row-major strides', () => {
    expect(contiguousStrides([2, 3, 4])).toEqual([12, 4, 1]);
    expect(contiguousStrides([])).toEqual([]);
    expect(contiguousStrides([5])).toEqual([1]);
  });

  it('broadcasts as NumPy does, or says it cannot', () => {
    expect(broadcastShapes([3, 1], [4])).toEqual([3, 4]);
    expect(broadcastShapes([2, 1, 5], [3, 1])).toEqual([2, 3, 5]);
    expect(broadcastShapes([], [2, 2])).toEqual([2, 2]);
    expect(broadcastShapes([0], [1])).toEqual([0]);
    expect(broadcastShapes([2, 3], [4, 3])).toBeNull();
  });

  it('formats and compares shapes', () => {
    expect(shapeToString([2, 3])).toBe('[2, 3]');
    expect(shapesEqual([2, 3], [2, 3])).toBe(true);
    expect(shapesEqual([2, 3], [3, 2])).toBe(false);
    expect(shapesEqual([2], [2, 1])).toBe(false);
  });
});

describe('dtypes', () => {
  it('promotes bool < int32 < float32', () => {
    expect(promoteTypes('bool', 'int32')).toBe('int32');
    expect(promoteTypes('float32', 'int32')).toBe('float32');
    expect(promoteTypes('bool', 'bool')).toBe('bool');
  });

  it('converts scalars as a C cast does', () => {
    expect(castScalar(-2.7, 'int32')).toBe(-2);
    expect(castScalar(2.7, 'int32')).toBe(2);
    expect(castScalar(0.1, 'float32')).toBe(Math.fround(0.1));
    expect(castScalar(-0.5, 'bool')).toBe(1);
    expect(castScalar(0, 'bool')).toBe(0);
  });
});

describe('views', () => {
  it('walks a transposed view in row-major order of its own shape', () => {
    // a 2x3 buffer [0..5] seen transposed as 3x2: rows are the columns of the buffer
    const view = { buffer: null, shape: [3, 2], strides: [1, 3], offset: 0 };
    const seen: number[] = [];
    forEachIndex(view, (_i, at) => seen.push(at));
    expect(seen).toEqual([0, 3, 1, 4, 2, 5]);
  });

  it('walks broadcast (stride 0), flipped (negative stride) and offset views', () => {
    const seen: number[] = [];
    forEachIndex({ buffer: null, shape: [2, 3], strides: [0, -1], offset: 4 }, (_i, at) =>
      seen.push(at),
    );
    expect(seen).toEqual([4, 3, 2, 4, 3, 2]);
  });

  it('visits nothing for an empty view and one element for a scalar', () => {
    const empty: number[] = [];
    forEachIndex({ buffer: null, shape: [2, 0], strides: [0, 1], offset: 0 }, (_i, at) =>
      empty.push(at),
    );
    expect(empty).toEqual([]);
    const scalar: number[] = [];
    forEachIndex({ buffer: null, shape: [], strides: [], offset: 7 }, (_i, at) => scalar.push(at));
    expect(scalar).toEqual([7]);
  });

  it('tells contiguous layouts, ignoring size-1 dimensions', () => {
    expect(isContiguousView([2, 3], [3, 1])).toBe(true);
    expect(isContiguousView([3, 2], [1, 3])).toBe(false);
    expect(isContiguousView([2, 1, 3], [3, 99, 1])).toBe(true);
    expect(contiguousView('b', [2, 2]).strides).toEqual([2, 1]);
  });
});

describe('overlap of views', () => {
  it('tells windows that share elements from plain layouts', () => {
    expect(hasOverlap([2, 3], [3, 1])).toBe(false);
    expect(hasOverlap([3, 2], [1, 3])).toBe(false);
    expect(hasOverlap([4, 3], [0, 1])).toBe(false); // broadcast is not overlap
    expect(hasOverlap([3, 3], [1, 1])).toBe(true); // sliding windows of 3 over 5 elements
    expect(hasOverlap([2, 2], [2, 3])).toBe(false); // gaps but no sharing
    expect(hasOverlap([2, 3], [2, 1])).toBe(true);
    expect(hasOverlap([3], [-1])).toBe(false);
  });
});
