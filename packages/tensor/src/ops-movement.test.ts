import { cpuBackend } from '@nabla/backend-cpu';
import { beforeAll, describe, it } from 'vitest';
import type { PadMode, Tensor } from './index.js';
import * as torch from './index.js';
import { caseIds, checkOp, type OpTable } from './test-helpers.js';

/** Movement ops against torch 1.13 (cases: tools/fixtures/ops.py, group 'movement'). */
const ops: OpTable = {
  view: (x: Tensor, shape: number[]) => x.view(shape),
  reshape: (x: Tensor, shape: number[]) => x.reshape(shape),
  flatten: (x: Tensor, start?: number, end?: number) => x.flatten(start, end),
  unflatten: (x: Tensor, dim: number, sizes: number[]) => x.unflatten(dim, sizes),
  squeeze: (x: Tensor, dim?: number) => x.squeeze(dim),
  unsqueeze: (x: Tensor, dim: number) => x.unsqueeze(dim),
  permute: (x: Tensor, dims: number[]) => x.permute(dims),
  transpose: (x: Tensor, dim0: number, dim1: number) => x.transpose(dim0, dim1),
  t: (x: Tensor) => x.t(),
  expand: (x: Tensor, sizes: number[]) => x.expand(sizes),
  contiguous: (x: Tensor) => x.contiguous(),
  cat: (tensors: Tensor[], dim?: number) => torch.cat(tensors, dim),
  stack: (tensors: Tensor[], dim?: number) => torch.stack(tensors, dim),
  split: (x: Tensor, size: number | number[], dim?: number) => x.split(size, dim),
  chunk: (x: Tensor, chunks: number, dim?: number) => x.chunk(chunks, dim),
  flip: (x: Tensor, dims: number[]) => x.flip(dims),
  repeat: (x: Tensor, sizes: number[]) => x.repeat(sizes),
  pad: (x: Tensor, pads: number[], mode?: PadMode, value?: number) =>
    torch.pad(x, pads, mode, value),
};

beforeAll(() => torch.useDevice('cpu', cpuBackend()));

describe('movement ops match torch 1.13', () => {
  it.each(caseIds('movement'))('%s', (id) => checkOp(id, ops));
});
