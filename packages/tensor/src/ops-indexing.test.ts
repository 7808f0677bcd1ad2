import { cpuBackend } from '@nabla/backend-cpu';
import { beforeAll, describe, it } from 'vitest';
import type { Index, Tensor, TensorLike } from './index.js';
import * as torch from './index.js';
import { caseIds, checkOp, type OpTable } from './test-helpers.js';

/** Indexing against torch 1.13 (cases: tools/fixtures/ops.py, group 'indexing'). */
const ops: OpTable = {
  index: (x: Tensor, indices: Index[]) => x.index(...indices),
  // x[indices] = value, then all of x
  indexPut: (x: Tensor, indices: Index[], value: TensorLike) => x.indexPut_(indices, value),
  gather: (x: Tensor, dim: number, index: Tensor) => x.gather(dim, index),
  indexSelect: (x: Tensor, dim: number, index: Tensor | number[]) => x.indexSelect(dim, index),
};

beforeAll(() => torch.useDevice('cpu', cpuBackend()));

describe('indexing matches torch 1.13', () => {
  it.each(caseIds('indexing'))('%s', (id) => checkOp(id, ops));
});
