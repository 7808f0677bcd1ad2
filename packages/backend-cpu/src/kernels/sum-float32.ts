import type { View } from '@nabla/backend';
import { contiguousStrides } from '@nabla/backend';
import { CpuBuffer } from '../cpu-buffer.js';
import { dense, keepDims, numelOf } from '../strided.js';
import { cascadeScratch } from './cascade-sum.js';
import { type Plane, sumPlane } from './sum-plane.js';

/** Dimensions as TensorIterator holds them: sizes and the strides of the output and of x. */
interface Layout {
  shape: number[];
  os: number[];
  xs: number[];
}

/**
 * TensorIterator's `reorder_dimensions` for a reduction: sorts dimensions fastest first,
 * summed ones (output stride 0) before kept ones, by the output's then x's strides, with the
 * same insertion sort and tie rules as torch (the order decides the order of additions).
 */
function reorder({ shape, os, xs }: Layout): Layout {
  const n = shape.length;
  const perm = Array.from({ length: n }, (_, d) => n - 1 - d);
  // 1: d0 goes after d1; -1: before; 0: no opinion.
  const compare = (d0: number, d1: number): number => {
    for (const [strides, isOut] of [[os, true] as const, [xs, false] as const]) {
      const s0 = strides[d0] as number;
      const s1 = strides[d1] as number;
      if (isOut && (s0 === 0) !== (s1 === 0)) return s1 === 0 ? 1 : -1;
      if (s0 === 0 || s1 === 0) continue;
      if (s0 !== s1) return s0 < s1 ? -1 : 1;
      if ((shape[d0] as number) > (shape[d1] as number)) return 1;
    }
    return 0;
  };
  for (let i = 1; i < n; i++) {
    let d1 = i;
    for (let d0 = i - 1; d0 >= 0; d0--) {
      const c = compare(perm[d0] as number, perm[d1] as number);
      if (c > 0) {
        [perm[d0], perm[d1]] = [perm[d1] as number, perm[d0] as number];
        d1 = d0;
      } else if (c < 0) {
        break;
      }
    }
  }
  const pick = (a: number[]) => perm.map((d) => a[d] as number);
  return { shape: pick(shape), os: pick(os), xs: pick(xs) };
}

/**
 * TensorIterator's `coalesce_dimensions`: merges neighbours that one stride walks (size 1, or
 * `shape[d] * stride[d] === stride[d + 1]` for the output and for x).
 */
function coalesce({ shape, os, xs }: Layout): Layout {
  const n = shape.length;
  if (n <= 1) return { shape, os, xs };
  const [s, o, x] = [[...shape], [...os], [...xs]];
  const fits = (a: number[], d0: number, d1: number) =>
    (s[d0] as number) * (a[d0] as number) === a[d1];
  let prev = 0;
  for (let d = 1; d < n; d++) {
    if (s[prev] === 1 || s[d] === 1 || (fits(o, prev, d) && fits(x, prev, d))) {
      if (s[prev] === 1) [o[prev], x[prev]] = [o[d] as number, x[d] as number];
      s[prev] = (s[prev] as number) * (s[d] as number);
    } else {
      prev++;
      [s[prev], o[prev], x[prev]] = [s[d] as number, o[d] as number, x[d] as number];
    }
  }
  return { shape: s.slice(0, prev + 1), os: o.slice(0, prev + 1), xs: x.slice(0, prev + 1) };
}

/**
 * `torch.sum(x, axes, keepdim=True)` of a float32 view with the bits PyTorch 1.13's CPU kernel
 * gives (one thread): the output starts at 0; TensorIterator's dimension order and merging
 * decide the 2-D slices (the two fastest dimensions) that `cascade_sum` sums, slice by slice
 * with the slowest dimensions outermost, each slice adding its sums into the output in float32.
 * With several threads torch splits full reductions of 32768+ elements differently; this is
 * its one-thread order. It is the order of `keepdim=False`: with `keepdim=True` torch sorts a
 * summed dimension of size 1 as a kept one, which in rare layouts (such a dimension beside a
 * broadcast one) changes the order; the backend is not told keepdim.
 *
 * A view with negative strides, which torch never makes (its `flip` copies), is summed as the
 * contiguous copy torch would hold.
 *
 * x: [..., n, ...] -> [..., 1, ...] for each axis in `axes`
 */
export function sumFloat32(v: View<CpuBuffer>, axes: readonly number[]): CpuBuffer {
  const outShape = keepDims(v.shape, axes);
  const out = new Float32Array(numelOf(outShape));
  if (numelOf(v.shape) === 0) return new CpuBuffer('float32', out);
  const flipped = v.strides.some((s) => s < 0);
  const x = flipped ? dense(v) : v.buffer.data;
  const xStrides = flipped ? contiguousStrides(v.shape) : [...v.strides];
  const offset = flipped ? 0 : v.offset;
  const outStrides = contiguousStrides(outShape).map((s, d) => (axes.includes(d) ? 0 : s));
  const { shape, os, xs } = coalesce(
    reorder({ shape: [...v.shape], os: outStrides, xs: xStrides }),
  );

  // x: [size0, size1, ...outer] fastest first -> one plane per index of the outer dimensions
  const plane: Plane = {
    x,
    xAt: offset,
    xs0: xs[0] ?? 0,
    xs1: xs[1] ?? 0,
    out,
    outAt: 0,
    os0: os[0] ?? 0,
    os1: os[1] ?? 0,
    size0: shape[0] ?? 1,
    size1: shape[1] ?? 1,
  };
  const acc = cascadeScratch();
  const idx = new Array<number>(shape.length).fill(0);
  for (;;) {
    sumPlane(plane, acc);
    // advance the outer index, dimension 2 fastest
    let d = 2;
    for (; d < shape.length; d++) {
      const k = (idx[d] as number) + 1;
      const step = k < (shape[d] as number) ? 1 : -(k - 1);
      idx[d] = step === 1 ? k : 0;
      plane.xAt += step * (xs[d] as number);
      plane.outAt += step * (os[d] as number);
      if (step === 1) break;
    }
    if (d >= shape.length) break;
  }
  return new CpuBuffer('float32', out);
}
