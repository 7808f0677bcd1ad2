import { cpuBackend } from '@nabla/backend-cpu';
import { beforeAll, describe, it } from 'vitest';
import type { Tensor, TensorLike } from './index.js';
import * as torch from './index.js';
import { caseIds, checkOp, type OpTable } from './test-helpers.js';

/** Elementwise ops against torch 1.13 (cases: tools/fixtures/ops.py, group 'elementwise'). */
const ops: OpTable = {
  add: (a: TensorLike, b: TensorLike) => torch.add(a, b),
  sub: (a: TensorLike, b: TensorLike) => torch.sub(a, b),
  mul: (a: TensorLike, b: TensorLike) => torch.mul(a, b),
  div: (a: TensorLike, b: TensorLike) => torch.div(a, b),
  pow: (a: TensorLike, b: TensorLike) => torch.pow(a, b),
  addAlpha: (a: Tensor, b: Tensor, alpha: number) => a.add(b, alpha),
  subAlpha: (a: Tensor, b: Tensor, alpha: number) => a.sub(b, alpha),
  maximum: (a: Tensor, b: Tensor) => a.maximum(b),
  minimum: (a: Tensor, b: Tensor) => a.minimum(b),
  eq: (a: TensorLike, b: TensorLike) => torch.eq(a, b),
  ne: (a: TensorLike, b: TensorLike) => torch.ne(a, b),
  lt: (a: TensorLike, b: TensorLike) => torch.lt(a, b),
  le: (a: TensorLike, b: TensorLike) => torch.le(a, b),
  gt: (a: TensorLike, b: TensorLike) => torch.gt(a, b),
  ge: (a: TensorLike, b: TensorLike) => torch.ge(a, b),
  logicalAnd: (a: Tensor, b: Tensor) => a.logicalAnd(b),
  logicalOr: (a: Tensor, b: Tensor) => a.logicalOr(b),
  logicalNot: (x: Tensor) => x.logicalNot(),
  where: (c: Tensor, a: TensorLike, b: TensorLike) => torch.where(c, a, b),
  clamp: (x: Tensor, min: number | null, max: number | null) => x.clamp(min, max),
  neg: (x: Tensor) => x.neg(),
  abs: (x: Tensor) => x.abs(),
  sign: (x: Tensor) => x.sign(),
  exp: (x: Tensor) => x.exp(),
  log: (x: Tensor) => x.log(),
  log1p: (x: Tensor) => x.log1p(),
  sqrt: (x: Tensor) => x.sqrt(),
  rsqrt: (x: Tensor) => x.rsqrt(),
  sin: (x: Tensor) => x.sin(),
  cos: (x: Tensor) => x.cos(),
  tanh: (x: Tensor) => x.tanh(),
  sigmoid: (x: Tensor) => x.sigmoid(),
  relu: (x: Tensor) => x.relu(),
  floor: (x: Tensor) => x.floor(),
  ceil: (x: Tensor) => x.ceil(),
  round: (x: Tensor) => x.round(),
};

beforeAll(() => torch.useDevice('cpu', cpuBackend()));

describe('elementwise ops match torch 1.13', () => {
  it.each(caseIds('elementwise'))('%s', (id) => checkOp(id, ops));
});
