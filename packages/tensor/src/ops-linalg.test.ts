import { cpuBackend } from '@nabla/backend-cpu';
import { beforeAll, describe, it } from 'vitest';
import type { Tensor } from './index.js';
import * as torch from './index.js';
import { caseIds, checkOp, type OpTable } from './test-helpers.js';

/** Matrix products against torch 1.13 (cases: tools/fixtures/ops.py, group 'linalg'). */
const ops: OpTable = {
  matmul: (a: Tensor, b: Tensor) => a.matmul(b),
  mm: (a: Tensor, b: Tensor) => a.mm(b),
  bmm: (a: Tensor, b: Tensor) => a.bmm(b),
  outer: (a: Tensor, b: Tensor) => a.outer(b),
  dot: (a: Tensor, b: Tensor) => a.dot(b),
};

beforeAll(() => torch.useDevice('cpu', cpuBackend()));

describe('matrix products match torch 1.13', () => {
  it.each(caseIds('linalg'))('%s', (id) => checkOp(id, ops));
});
