import type { Index, Tensor, TensorLike } from '@nabla/tensor';
import * as torch from '@nabla/tensor';
import { describe, it } from 'vitest';
import { GRAD_BACKENDS, useGradBackend } from './grad-backends.test.util.js';
import { caseIds, checkGrad, type GradOpTable } from './grad-test-helpers.js';

/** Gradients of indexing against torch 1.13 (tools/fixtures/grads.py, 'indexing'). */
const ops: GradOpTable = {
  index: (x: Tensor, indices: Index[]) => x.index(...indices),
  // y = x * 2; y[indices] = value: the gradient reaches value and the untouched part of x
  indexPut: (x: Tensor, indices: Index[], value: TensorLike) => x.mul(2).indexPut_(indices, value),
  // y = zeros(shape), which needs no grad; y[indices] = value makes it depend on value
  indexPutIntoZeros: (shape: number[], indices: Index[], value: Tensor) =>
    torch.zeros(shape).indexPut_(indices, value),
  gather: (x: Tensor, dim: number, index: Tensor) => x.gather(dim, index),
  indexSelect: (x: Tensor, dim: number, index: Tensor | number[]) => x.indexSelect(dim, index),
};

describe.each(GRAD_BACKENDS)('gradients of indexing match torch 1.13 (%s)', (_, make) => {
  useGradBackend(make);
  it.each(caseIds('indexing'))('%s', (id) => checkGrad(id, ops, torch.tensor));
});
