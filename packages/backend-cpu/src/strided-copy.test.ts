import { forEachIndex } from '@nabla/backend';
import { describe, expect, it } from 'vitest';
import { coalesce, gatherStrided, scatterStrided } from './strided-copy.js';

/** A small deterministic generator (tests must not depend on Math.random). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Layout {
  shape: number[];
  strides: number[];
  offset: number;
  /** Elements the layout can reach, from 0. */
  span: number;
}

/** A random view: sizes 1 to 40, strides that may be 0, negative, gapped or permuted. */
function randomLayout(rand: () => number, rank: number, distinct: boolean): Layout {
  const pick = (n: number) => Math.floor(rand() * n);
  // sizes 1 to 40, at most about 5,000 elements in all
  let shape: number[];
  do shape = Array.from({ length: rank }, () => [1, 2, 3, 5, 7, 33, 40][pick(7)] as number);
  while (shape.reduce((a, b) => a * b, 1) > 5000);
  // a permutation of a (possibly gapped) row-major layout
  const gap = distinct ? 1 + pick(2) : 1;
  const order = shape.map((_, d) => d).sort(() => rand() - 0.5);
  const strides = new Array<number>(rank).fill(0);
  let step = gap;
  for (let j = order.length - 1; j >= 0; j--) {
    const d = order[j] as number;
    strides[d] = step;
    step *= shape[d] as number;
  }
  if (!distinct) for (let d = 0; d < rank; d++) if (rand() < 0.3) strides[d] = 0;
  let offset = 0;
  for (let d = 0; d < rank; d++) {
    if (rand() < 0.3) {
      offset += ((shape[d] as number) - 1) * (strides[d] as number);
      strides[d] = -(strides[d] as number);
    }
  }
  const extra = pick(3);
  return { shape, strides, offset: offset + extra, span: step + extra + 1 };
}

function referenceGather(src: Float32Array, l: Layout): number[] {
  const out: number[] = [];
  forEachIndex({ buffer: null, ...l }, (_, at) => out.push(src[at] as number));
  return out;
}

describe('gatherStrided', () => {
  it('reads every layout as the reference iterator does (ranks 0 to 5, 300 random views)', () => {
    const rand = lcg(7);
    for (let t = 0; t < 300; t++) {
      const l = randomLayout(rand, t % 6, false);
      const src = Float32Array.from({ length: l.span }, (_, i) => i + 0.5);
      const n = l.shape.reduce((a, b) => a * b, 1);
      const out = new Float32Array(n);
      gatherStrided(src, l.shape, l.strides, l.offset, out);
      expect([...out], JSON.stringify(l)).toEqual(referenceGather(src, l));
    }
  });

  it('copies a large transpose (the tiled path) and an empty view', () => {
    const src = Float32Array.from({ length: 100 * 70 }, (_, i) => i);
    const l = { shape: [70, 100], strides: [1, 70], offset: 0, span: 7000 };
    const out = new Float32Array(7000);
    gatherStrided(src, l.shape, l.strides, 0, out);
    expect([...out]).toEqual(referenceGather(src, l));
    const none = new Float32Array(0);
    gatherStrided(src, [3, 0, 4], [1, 1, 1], 0, none);
    expect(none.length).toBe(0);
  });
});

describe('scatterStrided', () => {
  it('writes every non-overlapping layout as the reference iterator does', () => {
    const rand = lcg(11);
    for (let t = 0; t < 300; t++) {
      const l = randomLayout(rand, t % 6, true);
      const n = l.shape.reduce((a, b) => a * b, 1);
      const values = Float32Array.from({ length: n }, (_, i) => i + 1);
      const got = new Float32Array(l.span).fill(-1);
      scatterStrided(got, l.shape, l.strides, l.offset, values);
      const want = new Float32Array(l.span).fill(-1);
      forEachIndex({ buffer: null, ...l }, (i, at) => {
        want[at] = values[i] as number;
      });
      expect([...got], JSON.stringify(l)).toEqual([...want]);
    }
  });
});

describe('scatterStrided, tiled', () => {
  it('writes a large transpose (the tiled path) as the reference iterator does', () => {
    const values = Float32Array.from({ length: 7000 }, (_, i) => i);
    const got = new Float32Array(7000);
    scatterStrided(got, [70, 100], [1, 70], 0, values);
    const want = new Float32Array(7000);
    forEachIndex({ buffer: null, shape: [70, 100], strides: [1, 70], offset: 0 }, (i, at) => {
      want[at] = values[i] as number;
    });
    expect([...got]).toEqual([...want]);
  });
});

describe('coalesce', () => {
  it('merges row-major neighbours and drops size-1 dimensions, for all layouts at once', () => {
    expect(coalesce([2, 1, 3, 4], [12, 99, 4, 1])).toEqual([{ shape: [24], strides: [1] }]);
    // merges only where both layouts allow it
    expect(coalesce([2, 3, 4], [12, 4, 1], [1, 8, 2])).toEqual([
      { shape: [2, 12], strides: [12, 1] },
      { shape: [2, 12], strides: [1, 2] },
    ]);
    expect(coalesce([5, 7], [0, 0])).toEqual([{ shape: [35], strides: [0] }]);
    expect(coalesce([1, 1], [3, 3])).toEqual([{ shape: [], strides: [] }]);
  });
});
