import type { DType, ReduceOp, View } from '@nabla/backend';
import { allocHost, contiguousStrides } from '@nabla/backend';
import { CpuBuffer } from '../cpu-buffer.js';
import { dense, forEachOffset, keepDims, numelOf } from '../strided.js';
import { sumFloat32 } from './sum-float32.js';

interface Reducer {
  /** The value of an empty reduction. */
  init: number;
  combine: (acc: number, x: number) => number;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * How each op folds elements, per input dtype (sums and products of int32 wrap as C does).
 * float32 sums do not come here: {@link sumFloat32} adds in torch's order.
 */
function reducer(op: ReduceOp, dtype: DType): Reducer {
  const int = dtype !== 'float32';
  switch (op) {
    case 'sum':
      return { init: 0, combine: int ? (s, x) => (s + x) | 0 : (s, x) => s + x };
    case 'prod':
      return { init: 1, combine: int ? Math.imul : (p, x) => p * x };
    // Math.max / Math.min return NaN when either side is NaN, so NaN propagates.
    case 'max':
      return {
        init: dtype === 'float32' ? -Infinity : dtype === 'int32' ? INT32_MIN : 0,
        combine: Math.max,
      };
    case 'min':
      return {
        init: dtype === 'float32' ? Infinity : dtype === 'int32' ? INT32_MAX : 1,
        combine: Math.min,
      };
  }
}

/**
 * Reduces `axes` of `x`, keeping them as size-1 dimensions: `torch.sum` / `torch.prod` /
 * `torch.amax` / `torch.amin` with `keepdim=True`. A float32 sum gives the bits of torch's CPU
 * kernel (float32 cascade, see {@link sumFloat32}); a float32 prod accumulates in doubles and
 * rounds once; max / min propagate NaN. sum / prod of bool count as int32 (result int32);
 * max / min of bool are any / all (result bool). An empty reduction gives the op's identity
 * (0, 1, -inf, +inf); PyTorch raises for max / min there, and the tensor layer checks that
 * first.
 *
 * x: [..., n, ...] -> [..., 1, ...] for each axis in `axes`
 */
export function reduce(op: ReduceOp, x: View<CpuBuffer>, axes: readonly number[]): CpuBuffer {
  const inType = x.buffer.dtype;
  if (op === 'sum' && inType === 'float32') return sumFloat32(x, axes);
  const dtype: DType = inType === 'bool' && (op === 'sum' || op === 'prod') ? 'int32' : inType;
  const { init, combine } = reducer(op, inType);
  const outShape = keepDims(x.shape, axes);
  const xs = dense(x);
  const acc = new Float64Array(numelOf(outShape)).fill(init);
  // Walking x's shape with the output's strides, zeroed on the reduced axes, gives for each
  // element of x (row-major, the order of xs) the output element it folds into.
  const toOut = contiguousStrides(outShape).map((s, d) => (axes.includes(d) ? 0 : s));
  forEachOffset(x.shape, toOut, 0, (i, o) => {
    acc[o] = combine(acc[o] as number, xs[i] as number);
  });
  const out = allocHost(dtype, acc.length);
  out.set(acc);
  return new CpuBuffer(dtype, out);
}
