import type { Tensor } from '@nabla/tensor';
import * as torch from '@nabla/tensor';
import { describe, it } from 'vitest';
import { GRAD_BACKENDS, useGradBackend } from './grad-backends.test.util.js';
import { caseIds, checkGrad, type GradOpTable } from './grad-test-helpers.js';

/** Gradients of products against torch 1.13 (tools/fixtures/grads.py, 'linalg'). */
const ops: GradOpTable = {
  matmul: (a: Tensor, b: Tensor) => a.matmul(b),
  mm: (a: Tensor, b: Tensor) => a.mm(b),
  bmm: (a: Tensor, b: Tensor) => a.bmm(b),
  outer: (a: Tensor, b: Tensor) => a.outer(b),
  dot: (a: Tensor, b: Tensor) => a.dot(b),
};

describe.each(GRAD_BACKENDS)('gradients of matrix products match torch 1.13 (%s)', (_, make) => {
  useGradBackend(make);
  it.each(caseIds('linalg'))('%s', (id) => checkGrad(id, ops, torch.tensor));
});
