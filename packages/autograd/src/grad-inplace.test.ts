import type { Index, Scalar, Tensor } from '@nabla/tensor';
import * as torch from '@nabla/tensor';
import { describe, it } from 'vitest';
import { GRAD_BACKENDS, useGradBackend } from './grad-backends.test.util.js';
import { caseIds, checkGrad, type GradOpTable } from './grad-test-helpers.js';

type Method = 'add_' | 'sub_' | 'mul_' | 'div_' | 'clamp_' | 'fill_' | 'zero_' | 'copy_';

/** y = x * 2 (not a leaf); y[indices].method(...rest); the result is the whole of y. */
const inplace =
  (method: Method) =>
  (x: Tensor, indices: Index[], ...rest: (Tensor | Scalar | null)[]): Tensor => {
    const y = x.mul(2);
    const target = indices.length > 0 ? y.index(...indices) : y;
    (target[method] as (...a: unknown[]) => Tensor).apply(target, rest);
    return y;
  };

/** Gradients through clone, detach and in-place writes (tools/fixtures/grads.py, 'inplace'). */
const ops: GradOpTable = {
  clone: (x: Tensor) => x.clone(),
  detachMul: (x: Tensor, y: Tensor) => x.detach().mul(y),
  // y = x * 2; y.mul_(y): torch refuses to backward, the saved y was overwritten
  mulSelf_: (x: Tensor) => {
    const y = x.mul(2);
    return y.mul_(y);
  },
  // x[0].add_(1) on a leaf that requires grad: torch refuses the write through the view
  leafViewAdd_: (x: Tensor) => x.index(0).add_(1),
  add_: inplace('add_'),
  sub_: inplace('sub_'),
  mul_: inplace('mul_'),
  div_: inplace('div_'),
  clamp_: inplace('clamp_'),
  fill_: inplace('fill_'),
  zero_: inplace('zero_'),
  copy_: inplace('copy_'),
};

describe.each(GRAD_BACKENDS)(
  'gradients through in-place writes match torch 1.13 (%s)',
  (_, make) => {
    useGradBackend(make);
    it.each(caseIds('inplace'))('%s', (id) => checkGrad(id, ops, torch.tensor));
  },
);
