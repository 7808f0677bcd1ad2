import type { Tensor, TensorLike } from '@nabla/tensor';
import * as torch from '@nabla/tensor';
import { describe, it } from 'vitest';
import { GRAD_BACKENDS, useGradBackend } from './grad-backends.test.util.js';
import { caseIds, checkGrad, type GradOpTable } from './grad-test-helpers.js';

/** Gradients of elementwise ops against torch 1.13 (tools/fixtures/grads.py, 'elementwise'). */
const ops: GradOpTable = {
  add: (a: TensorLike, b: TensorLike) => torch.add(a, b),
  sub: (a: TensorLike, b: TensorLike) => torch.sub(a, b),
  mul: (a: TensorLike, b: TensorLike) => torch.mul(a, b),
  div: (a: TensorLike, b: TensorLike) => torch.div(a, b),
  pow: (a: TensorLike, b: TensorLike) => torch.pow(a, b),
  addAlpha: (a: Tensor, b: Tensor, alpha: number) => a.add(b, alpha),
  subAlpha: (a: Tensor, b: Tensor, alpha: number) => a.sub(b, alpha),
  maximum: (a: Tensor, b: Tensor) => a.maximum(b),
  minimum: (a: Tensor, b: Tensor) => a.minimum(b),
  where: (c: Tensor, a: TensorLike, b: TensorLike) => torch.where(c, a, b),
  maskedFill: (x: Tensor, mask: Tensor, value: number) => x.maskedFill(mask, value),
  clamp: (x: Tensor, min: number | null, max: number | null) => x.clamp(min, max),
  neg: (x: Tensor) => x.neg(),
  abs: (x: Tensor) => x.abs(),
  sign: (x: Tensor) => x.sign(),
  exp: (x: Tensor) => x.exp(),
  log: (x: Tensor) => x.log(),
  log1p: (x: Tensor) => x.log1p(),
  sqrt: (x: Tensor) => x.sqrt(),
  rsqrt: (x: Tensor) => x.rsqrt(),
  sin: (x: Tensor) => x.sin(),
  cos: (x: Tensor) => x.cos(),
  tanh: (x: Tensor) => x.tanh(),
  sigmoid: (x: Tensor) => x.sigmoid(),
  relu: (x: Tensor) => x.relu(),
  floor: (x: Tensor) => x.floor(),
  ceil: (x: Tensor) => x.ceil(),
  round: (x: Tensor) => x.round(),
  erf: (x: Tensor) => x.erf(),
};

describe.each(GRAD_BACKENDS)('gradients of elementwise ops match torch 1.13 (%s)', (_, make) => {
  useGradBackend(make);
  it.each(caseIds('elementwise'))('%s', (id) => checkGrad(id, ops, torch.tensor));
});
