import type { UnaryOp, View } from '@nabla/backend';
import { allocHost } from '@nabla/backend';
import { CpuBuffer } from '../../cpu-buffer.js';
import { dense } from '../../strided.js';
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
 * Applies a unary op to every element of `x` into a new contiguous buffer of `x`'s dtype
 * (bool for `not`). Results are computed in doubles and rounded by the store: float32 rounds
 * to nearest, int32 wraps as C does, bool outputs are 0 / 1.
 */
export function unary(op: UnaryOp, x: View<CpuBuffer>): CpuBuffer {
  const dtype = op === 'not' ? 'bool' : x.buffer.dtype;
  const f = UNARY[op];
  const xs = dense(x);
  const out = allocHost(dtype, xs.length);
  if (dtype === 'bool') {
    for (let i = 0; i < xs.length; i++) out[i] = f(xs[i] as number) !== 0 ? 1 : 0;
  } else {
    for (let i = 0; i < xs.length; i++) out[i] = f(xs[i] as number);
  }
  return new CpuBuffer(dtype, out);
}
