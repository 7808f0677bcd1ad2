import { cpuBackend } from '@nabla/backend-cpu';
import { beforeAll, describe, it } from 'vitest';
import type { Tensor, TensorLike } from './index.js';
import * as torch from './index.js';
import { caseIds, checkOp, type OpTable } from './test-helpers.js';

/** Type promotion against torch 1.13 (cases: tools/fixtures/ops.py, group 'promotion'). */
const ops: OpTable = {
  add: (a: TensorLike, b: TensorLike) => torch.add(a, b),
  mul: (a: TensorLike, b: TensorLike) => torch.mul(a, b),
  div: (a: TensorLike, b: TensorLike) => torch.div(a, b),
  lt: (a: TensorLike, b: TensorLike) => torch.lt(a, b),
  eq: (a: TensorLike, b: TensorLike) => torch.eq(a, b),
  sum: (x: Tensor, dim?: number) => x.sum(dim),
  mean: (x: Tensor) => x.mean(),
  where: (c: Tensor, a: TensorLike, b: TensorLike) => torch.where(c, a, b),
  stack: (tensors: Tensor[]) => torch.stack(tensors),
  logsumexp: (x: Tensor, dim: number, keepdim: boolean) => x.logsumexp(dim, keepdim),
  maxOther: (x: Tensor, other: Tensor) => x.max(other),
};

beforeAll(() => torch.useDevice('cpu', cpuBackend()));

describe('type promotion matches torch 1.13', () => {
  it.each(caseIds('promotion'))('%s', (id) => checkOp(id, ops));
});
