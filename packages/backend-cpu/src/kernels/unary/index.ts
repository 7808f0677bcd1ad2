import type { TypedArray, UnaryOp, View } from '@nabla/backend';
import { allocHost } from '@nabla/backend';
import { CpuBuffer } from '../../cpu-buffer.js';
import { dense } from '../../strided.js';
import { WASM_MIN_ELEMENTS, wasmElementwise } from '../../wasm/elementwise.js';
import { abs } from './abs.js';
import { ceil } from './ceil.js';
import { cos } from './cos.js';
import { erf } from './erf.js';
import { exp } from './exp.js';
import { floor } from './floor.js';
import { log } from './log.js';
import { log1p } from './log1p.js';
import { neg } from './neg.js';
import { not } from './not.js';
import { relu } from './relu.js';
import { round } from './round.js';
import { rsqrt } from './rsqrt.js';
import { sigmoid } from './sigmoid.js';
import { sign } from './sign.js';
import { sin } from './sin.js';
import { sqrt } from './sqrt.js';
import { tanh } from './tanh.js';

/** The scalar function of each unary op, computed in doubles. */
export const UNARY: Readonly<Record<UnaryOp, (x: number) => number>> = {
  neg,
  abs,
  sign,
  exp,
  log,
  log1p,
  sqrt,
  rsqrt,
  sin,
  cos,
  tanh,
  erf,
  sigmoid,
  relu,
  floor,
  ceil,
  round,
  not,
};

/**
 * Tight loops for common float32 ops, without a call per element: the same double computation
 * as the op table, rounded by the Float32Array store. False when `op` has none.
 */
function floatLoop(op: UnaryOp, xs: TypedArray, out: Float32Array): boolean {
  const n = out.length;
  switch (op) {
    case 'neg':
      for (let i = 0; i < n; i++) out[i] = -(xs[i] as number);
      return true;
    case 'abs':
      for (let i = 0; i < n; i++) out[i] = Math.abs(xs[i] as number);
      return true;
    case 'exp':
      for (let i = 0; i < n; i++) out[i] = Math.exp(xs[i] as number);
      return true;
    case 'log':
      for (let i = 0; i < n; i++) out[i] = Math.log(xs[i] as number);
      return true;
    case 'sqrt':
      for (let i = 0; i < n; i++) out[i] = Math.sqrt(xs[i] as number);
      return true;
    case 'tanh':
      for (let i = 0; i < n; i++) out[i] = Math.tanh(xs[i] as number);
      return true;
    case 'relu':
      for (let i = 0; i < n; i++) {
        const v = xs[i] as number;
        // biome-ignore lint/complexity/useMathMinMax: Math.max(-0, 0) is 0, torch.relu(-0.) is -0.
        out[i] = v < 0 ? 0 : v;
      }
      return true;
    default:
      return false;
  }
}

/**
 * Applies a unary op to every element of `x` into a new contiguous buffer of `x`'s dtype
 * (bool for `not`). Results are computed in doubles and rounded by the store: float32 rounds
 * to nearest, int32 wraps as C does, bool outputs are 0 / 1.
 *
 * A contiguous `x` is read in place (other layouts are gathered by {@link dense}); common
 * float32 ops run as tight loops, the rest call the op table per element.
 */
export function unary(op: UnaryOp, x: View<CpuBuffer>): CpuBuffer {
  const dtype = op === 'not' ? 'bool' : x.buffer.dtype;
  const f = UNARY[op];
  const xs = dense(x);
  if (op === 'relu' && xs instanceof Float32Array && xs.length >= WASM_MIN_ELEMENTS) {
    const w = wasmElementwise();
    if (w !== null) return new CpuBuffer(dtype, w.relu(xs, xs.length));
  }
  const out = allocHost(dtype, xs.length);
  if (out instanceof Float32Array && floatLoop(op, xs, out)) return new CpuBuffer(dtype, out);
  if (dtype === 'bool') {
    for (let i = 0; i < xs.length; i++) out[i] = f(xs[i] as number) !== 0 ? 1 : 0;
  } else {
    for (let i = 0; i < xs.length; i++) out[i] = f(xs[i] as number);
  }
  return new CpuBuffer(dtype, out);
}
