import { cpuBackend } from '@nabla/backend-cpu';
import { beforeAll, describe, it } from 'vitest';
import type { Tensor } from './index.js';
import * as torch from './index.js';
import { caseIds, checkOp, type OpTable } from './test-helpers.js';

type Dims = number | number[] | null;

/** Reductions against torch 1.13 (cases: tools/fixtures/ops.py, group 'reduce'). */
const ops: OpTable = {
  sum: (x: Tensor, dim?: Dims, keepdim?: boolean) => x.sum(dim, keepdim),
  mean: (x: Tensor, dim?: Dims, keepdim?: boolean) => x.mean(dim, keepdim),
  prod: (x: Tensor, dim?: number, keepdim?: boolean) => x.prod(dim, keepdim),
  maxAll: (x: Tensor) => x.max(),
  minAll: (x: Tensor) => x.min(),
  maxDim: (x: Tensor, dim: number, keepdim?: boolean) => x.max(dim, keepdim),
  minDim: (x: Tensor, dim: number, keepdim?: boolean) => x.min(dim, keepdim),
  maxOther: (x: Tensor, other: Tensor) => x.max(other),
  argmax: (x: Tensor, dim?: number | null, keepdim?: boolean) => x.argmax(dim, keepdim),
  argmin: (x: Tensor, dim?: number | null, keepdim?: boolean) => x.argmin(dim, keepdim),
  var: (x: Tensor, dim: Dims, unbiased: boolean, keepdim: boolean) => x.var(dim, unbiased, keepdim),
  std: (x: Tensor, dim: Dims, unbiased: boolean, keepdim: boolean) => x.std(dim, unbiased, keepdim),
  varAll: (x: Tensor, unbiased: boolean) => x.var(unbiased),
  stdAll: (x: Tensor, unbiased: boolean) => x.std(unbiased),
  logsumexp: (x: Tensor, dim: number | number[], keepdim: boolean) => x.logsumexp(dim, keepdim),
  softmax: (x: Tensor, dim: number) => x.softmax(dim),
  logSoftmax: (x: Tensor, dim: number) => x.logSoftmax(dim),
};

beforeAll(() => torch.useDevice('cpu', cpuBackend()));

describe('reductions match torch 1.13', () => {
  it.each(caseIds('reduce'))('%s', (id) => checkOp(id, ops));
});
