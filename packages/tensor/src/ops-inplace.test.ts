import { cpuBackend } from '@nabla/backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Index, Scalar, Tensor, TensorLike } from './index.js';
import * as torch from './index.js';
import { caseIds, checkOp, type OpTable } from './test-helpers.js';

/** Runs an in-place op on the view `x[indices]` (x itself for []) and returns all of x. */
function onView(x: Tensor, indices: Index[], op: (view: Tensor) => Tensor): Tensor {
  const view = indices.length > 0 ? x.index(...indices) : x;
  expect(op(view)).toBe(view); // in-place ops return their tensor
  return x;
}

/** In-place ops through views against torch 1.13 (tools/fixtures/ops.py, group 'inplace'). */
const ops: OpTable = {
  add_: (x: Tensor, i: Index[], v: TensorLike, alpha?: number) =>
    onView(x, i, (t) => t.add_(v, alpha)),
  sub_: (x: Tensor, i: Index[], v: TensorLike, alpha?: number) =>
    onView(x, i, (t) => t.sub_(v, alpha)),
  mul_: (x: Tensor, i: Index[], v: TensorLike) => onView(x, i, (t) => t.mul_(v)),
  div_: (x: Tensor, i: Index[], v: TensorLike) => onView(x, i, (t) => t.div_(v)),
  clamp_: (x: Tensor, i: Index[], min?: number, max?: number) =>
    onView(x, i, (t) => t.clamp_(min, max)),
  fill_: (x: Tensor, i: Index[], v: Scalar | Tensor) => onView(x, i, (t) => t.fill_(v)),
  zero_: (x: Tensor, i: Index[]) => onView(x, i, (t) => t.zero_()),
  copy_: (x: Tensor, i: Index[], src: Tensor) => onView(x, i, (t) => t.copy_(src)),
};

beforeAll(() => torch.useDevice('cpu', cpuBackend()));

describe('in-place ops write through views as in torch 1.13', () => {
  it.each(caseIds('inplace'))('%s', (id) => checkOp(id, ops));
});
