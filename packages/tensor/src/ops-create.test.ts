import { cpuBackend } from '@nabla/backend-cpu';
import { beforeAll, describe, it } from 'vitest';
import type { CreateOptions, Tensor } from './index.js';
import * as torch from './index.js';
import { caseIds, checkOp, type OpTable } from './test-helpers.js';

type NumOrOptions = number | CreateOptions;

/** Creation and conversion against torch 1.13 (tools/fixtures/ops.py, 'create', 'convert'). */
const ops: OpTable = {
  arange: (a: number, b?: NumOrOptions, c?: NumOrOptions, d?: CreateOptions) =>
    torch.arange(a, b, c, d),
  linspace: (start: number, end: number, steps: number) => torch.linspace(start, end, steps),
  eye: (n: number, m?: NumOrOptions) => torch.eye(n, m),
  full: (size: number[], value: number | boolean, options?: CreateOptions) =>
    torch.full(size, value, options),
  zeros: (size: number[], options: CreateOptions = {}) => torch.zeros(size, options),
  ones: (size: number[], options: CreateOptions = {}) => torch.ones(size, options),
  float: (x: Tensor) => x.float(),
  int: (x: Tensor) => x.int(),
  bool: (x: Tensor) => x.bool(),
  tolist: (x: Tensor) => x.tolist(),
  item: (x: Tensor) => x.item(),
};

beforeAll(() => torch.useDevice('cpu', cpuBackend()));

describe('creation matches torch 1.13', () => {
  it.each(caseIds('create'))('%s', (id) => checkOp(id, ops));
});

describe('conversion matches torch 1.13', () => {
  it.each(caseIds('convert'))('%s', (id) => checkOp(id, ops));
});
