import { cpuBackend } from '@nabla/backend-cpu';
import type { Tensor } from '@nabla/tensor';
import * as torch from '@nabla/tensor';
import { beforeAll, describe, it } from 'vitest';
import { caseIds, checkGrad, type GradOpTable } from './grad-test-helpers.js';
import { autodiff } from './index.js';

/** Gradients of products against torch 1.13 (tools/fixtures/grads.py, 'linalg'). */
const ops: GradOpTable = {
  matmul: (a: Tensor, b: Tensor) => a.matmul(b),
  mm: (a: Tensor, b: Tensor) => a.mm(b),
  bmm: (a: Tensor, b: Tensor) => a.bmm(b),
  outer: (a: Tensor, b: Tensor) => a.outer(b),
  dot: (a: Tensor, b: Tensor) => a.dot(b),
};

beforeAll(() => torch.useDevice('cpu', autodiff(cpuBackend())));

describe('gradients of matrix products match torch 1.13', () => {
  it.each(caseIds('linalg'))('%s', (id) => checkGrad(id, ops, torch.tensor));
});
