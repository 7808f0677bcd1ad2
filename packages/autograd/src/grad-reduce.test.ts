import type { ReduceOp } from '@nabla/backend';
import * as torch from '@nabla/tensor';
import { Tensor } from '@nabla/tensor';
import { describe, it } from 'vitest';
import { GRAD_BACKENDS, useGradBackend } from './grad-backends.test.util.js';
import { caseIds, checkGrad, type GradOpTable } from './grad-test-helpers.js';

/**
 * `torch.amax` / `amin` (dims kept): Nabla has no tensor method for them, so the test calls the
 * backend's reduction, whose gradient rule splits ties evenly as PyTorch's does.
 */
function extremum(op: ReduceOp, x: Tensor, dims: number[]): Tensor {
  const view = { buffer: x.buffer, shape: x.shape, strides: x.strides, offset: x.offset };
  const shape = x.shape.map((s, i) => (dims.includes(i) ? 1 : s));
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  return new Tensor(x.device, x.backend, x.backend.reduce(op, view, dims), shape, strides, 0);
}

/** Gradients of reductions against torch 1.13 (tools/fixtures/grads.py, 'reduce'). */
const ops: GradOpTable = {
  sum: (x: Tensor, dim?: number | number[], keepdim?: boolean) => x.sum(dim, keepdim),
  mean: (x: Tensor, dim?: number | number[], keepdim?: boolean) => x.mean(dim, keepdim),
  prod: (x: Tensor, dim?: number, keepdim?: boolean) => x.prod(dim, keepdim),
  maxAll: (x: Tensor) => x.max(),
  minAll: (x: Tensor) => x.min(),
  maxDim: (x: Tensor, dim: number, keepdim?: boolean) => x.max(dim, keepdim),
  minDim: (x: Tensor, dim: number, keepdim?: boolean) => x.min(dim, keepdim),
  amax: (x: Tensor, dims: number[]) => extremum('max', x, dims),
  amin: (x: Tensor, dims: number[]) => extremum('min', x, dims),
  // the book's chapter 2 appendix: y = 2x^2 + 2 has its maximum at both ends
  bookMax: (x: Tensor) => x.pow(2).mul(2).add(2).max(),
  var: (x: Tensor, dim: number | number[], unbiased: boolean, keepdim: boolean) =>
    x.var(dim, unbiased, keepdim),
  std: (x: Tensor, dim: number | number[], unbiased: boolean, keepdim: boolean) =>
    x.std(dim, unbiased, keepdim),
  varAll: (x: Tensor, unbiased: boolean) => x.var(unbiased),
  stdAll: (x: Tensor, unbiased: boolean) => x.std(unbiased),
  logsumexp: (x: Tensor, dim: number | number[], keepdim: boolean) => x.logsumexp(dim, keepdim),
  softmax: (x: Tensor, dim: number) => x.softmax(dim),
  logSoftmax: (x: Tensor, dim: number) => x.logSoftmax(dim),
};

describe.each(GRAD_BACKENDS)('gradients of reductions match torch 1.13 (%s)', (_, make) => {
  useGradBackend(make);
  it.each(caseIds('reduce'))('%s', (id) => checkGrad(id, ops, torch.tensor));
});
