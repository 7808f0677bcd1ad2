import type { PadMode, Tensor } from '@nabla/tensor';
import * as torch from '@nabla/tensor';
import { describe, it } from 'vitest';
import { GRAD_BACKENDS, useGradBackend } from './grad-backends.test.util.js';
import { caseIds, checkGrad, type GradOpTable } from './grad-test-helpers.js';

/** Gradients of movement ops against torch 1.13 (tools/fixtures/grads.py, 'movement'). */
const ops: GradOpTable = {
  view: (x: Tensor, shape: number[]) => x.view(shape),
  reshape: (x: Tensor, shape: number[]) => x.reshape(shape),
  flatten: (x: Tensor, start?: number, end?: number) => x.flatten(start, end),
  unflatten: (x: Tensor, dim: number, sizes: number[]) => x.unflatten(dim, sizes),
  squeeze: (x: Tensor, dim?: number) => x.squeeze(dim),
  unsqueeze: (x: Tensor, dim: number) => x.unsqueeze(dim),
  permute: (x: Tensor, dims: number[]) => x.permute(dims),
  transpose: (x: Tensor, a: number, b: number) => x.transpose(a, b),
  t: (x: Tensor) => x.t(),
  expand: (x: Tensor, sizes: number[]) => x.expand(sizes),
  contiguous: (x: Tensor) => x.contiguous(),
  narrow: (x: Tensor, dim: number, start: number, length: number) => x.narrow(dim, start, length),
  unfold: (x: Tensor, dim: number, size: number, step: number) => x.unfold(dim, size, step),
  asStrided: (x: Tensor, size: number[], stride: number[], offset: number) =>
    x.asStrided(size, stride, offset),
  cat: (ts: Tensor[], dim?: number) => torch.cat(ts, dim),
  catTwice: (x: Tensor, dim: number) => torch.cat([x, x], dim),
  // two views of one buffer in one graph: their gradients add up in that buffer
  evenPlusOdd: (x: Tensor) => x.index('::2').add(x.index('1::2')),
  plusOwnTranspose: (x: Tensor) => x.add(x.t()),
  expRowsProduct: (x: Tensor) => {
    const y = x.exp();
    return y.index(0).mul(y.index(1));
  },
  expThenT: (x: Tensor) => x.exp().t(),
  gramOfNonLeaf: (x: Tensor) => {
    const y = x.mul(2);
    return y.t().matmul(y);
  },
  stack: (ts: Tensor[], dim?: number) => torch.stack(ts, dim),
  split: (x: Tensor, size: number | number[], dim?: number) => x.split(size, dim),
  chunk: (x: Tensor, chunks: number, dim?: number) => x.chunk(chunks, dim),
  flip: (x: Tensor, dims: number[]) => x.flip(dims),
  repeat: (x: Tensor, reps: number[]) => x.repeat(reps),
  pad: (x: Tensor, pads: number[], mode?: PadMode, value?: number) =>
    torch.pad(x, pads, mode, value),
};

describe.each(GRAD_BACKENDS)('gradients of movement ops match torch 1.13 (%s)', (_, make) => {
  useGradBackend(make);
  it.each(caseIds('movement'))('%s', (id) => checkGrad(id, ops, torch.tensor));
});
