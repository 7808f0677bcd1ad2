// Matrix products for the tests of the tiled matmul kernel (matmul-tiled.test.ts in Node, and
// browser/matmul-tiled.test.ts in headless Chromium on WebGL2): odd M, N, K (no multiple of 4
// but one), transposed, flipped, offset and broadcast operands, batches, NaN and inf; with
// float64 references.
import type { AnyBackend } from '@nabla/backend';
import { type Layout, stored, uniform } from './test-views.test.util.js';

/** An operand stored in a plain array (junk, NaN, around its elements). */
export interface StoredOperand {
  readonly values: number[];
  readonly shape: number[];
  readonly strides: number[];
  readonly offset: number;
}

export interface MatmulCase {
  readonly name: string;
  readonly a: StoredOperand;
  readonly b: StoredOperand;
}

/** A stand-in backend whose buffers are the arrays themselves, for {@link stored}. */
const plain = { fromValues: (v: number[]) => v } as unknown as AnyBackend;

/** `values` (row-major over `shape`) stored as `layout` says. */
function store(values: number[], shape: number[], layout: Layout): StoredOperand {
  const order = layout.order.length > 0 ? layout.order : shape.map((_, d) => d);
  const v = stored(plain, values, shape, 'float32', { ...layout, order });
  return {
    values: v.buffer as unknown as number[],
    shape,
    strides: [...v.strides],
    offset: v.offset,
  };
}

const size = (s: readonly number[]): number => s.reduce((x, y) => x * y, 1);

function operand(shape: number[], seed: number, layout: Layout): StoredOperand {
  return store(uniform(size(shape), seed), shape, layout);
}

/** Row-major storage for an operand of any rank. */
const ROW_MAJOR: Layout = { order: [] };
/** The last two dimensions swapped in storage (a transposed matrix). */
const transposed = (rank: number): Layout => ({
  order:
    rank === 2 ? [1, 0] : [...Array.from({ length: rank - 2 }, (_, d) => d), rank - 1, rank - 2],
});

/** The cases; every one has M, N or K that 4 does not divide. */
export function tiledCases(): MatmulCase[] {
  const nan = Number.NaN;
  const inf = Number.POSITIVE_INFINITY;
  return [
    { name: '[5, 7] @ [7, 6]', a: operand([5, 7], 1, ROW_MAJOR), b: operand([7, 6], 2, ROW_MAJOR) },
    {
      name: 'K = 1: [13, 1] @ [1, 9]',
      a: operand([13, 1], 3, ROW_MAJOR),
      b: operand([1, 9], 4, ROW_MAJOR),
    },
    {
      name: 'N = 3 < 4, b transposed: [9, 10] @ [10, 3]',
      a: operand([9, 10], 5, ROW_MAJOR),
      b: operand([10, 3], 6, transposed(2)),
    },
    {
      name: 'N = 1, K = 4: [6, 4] @ [4, 1]',
      a: operand([6, 4], 7, ROW_MAJOR),
      b: operand([4, 1], 8, ROW_MAJOR),
    },
    {
      name: 'a transposed and offset, K = 70: [37, 70] @ [70, 45]',
      a: operand([37, 70], 9, { ...transposed(2), offset: 3 }),
      b: operand([70, 45], 10, ROW_MAJOR),
    },
    {
      name: 'batched [2, 3, 5, 6] @ [2, 3, 6, 7], a transposed, b flipped with an offset',
      a: operand([2, 3, 5, 6], 11, transposed(4)),
      b: operand([2, 3, 6, 7], 12, { order: [1, 0, 2, 3], flip: [2, 3], offset: 5 }),
    },
    {
      name: 'a batch broadcast by stride 0: [3, 4, 5] @ [3, 5, 11]',
      a: (() => {
        const m = operand([4, 5], 13, ROW_MAJOR);
        return { ...m, shape: [3, 4, 5], strides: [0, ...m.strides] };
      })(),
      b: operand([3, 5, 11], 14, ROW_MAJOR),
    },
    {
      name: 'b shared by the batch (stride 0, a Linear layer): [2, 6, 9] @ [2, 9, 5]',
      a: operand([2, 6, 9], 15, ROW_MAJOR),
      b: (() => {
        const m = operand([9, 5], 16, transposed(2));
        return { ...m, shape: [2, 9, 5], strides: [0, ...m.strides] };
      })(),
    },
    {
      name: 'NaN and inf propagate: [3, 6] @ [6, 5]',
      a: store([1, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, inf, 1, 0, 0, 0, 1], [3, 6], ROW_MAJOR),
      b: store(
        [
          nan,
          1,
          1,
          2,
          0,
          1,
          2,
          3,
          4,
          5,
          0,
          0,
          0,
          0,
          0,
          1,
          1,
          1,
          1,
          1,
          2,
          2,
          2,
          2,
          inf,
          0,
          0,
          0,
          0,
          0,
        ],
        [6, 5],
        ROW_MAJOR,
      ),
    },
  ];
}

/** Float64 products and the sums of their terms' magnitudes (the error scale), row-major. */
export function reference(c: MatmulCase): { value: number[]; scale: number[] } {
  const { a, b } = c;
  const r = a.shape.length;
  const m = a.shape[r - 2] as number;
  const k = a.shape[r - 1] as number;
  const n = b.shape[r - 1] as number;
  const batch = size(a.shape.slice(0, r - 2));
  const at = (o: StoredOperand, t: number, i: number, j: number): number => {
    let pos = o.offset;
    let rest = t;
    for (let d = r - 3; d >= 0; d--) {
      const s = o.shape[d] as number;
      pos += (rest % s) * (o.strides[d] as number);
      rest = Math.floor(rest / s);
    }
    pos += i * (o.strides[r - 2] as number) + j * (o.strides[r - 1] as number);
    return o.values[pos] as number;
  };
  const value: number[] = [];
  const scale: number[] = [];
  for (let t = 0; t < batch; t++) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        let e = 0;
        for (let p = 0; p < k; p++) {
          const x = at(a, t, i, p) * at(b, t, p, j);
          s += x;
          e += Math.abs(x);
        }
        value.push(s);
        scale.push(e);
      }
    }
  }
  return { value, scale };
}

/**
 * Why `got` is not within float32 rounding of the float64 reference (2^-23 of the terms'
 * magnitudes; NaN and inf exactly), or null when it is.
 */
export function mismatch(got: ArrayLike<number>, want: { value: number[]; scale: number[] }) {
  if (got.length !== want.value.length) return `length ${got.length}, want ${want.value.length}`;
  for (let i = 0; i < got.length; i++) {
    const g = got[i] as number;
    const v = want.value[i] as number;
    if (!Number.isFinite(v) || Number.isNaN(v)) {
      if (!Object.is(g, v)) return `element ${i}: got ${g}, want ${v}`;
      continue;
    }
    const tol = 2 ** -23 * ((want.scale[i] as number) + Math.abs(v));
    if (!(Math.abs(g - v) <= tol)) return `element ${i}: got ${g}, want ${v} (within ${tol})`;
  }
  return null;
}
