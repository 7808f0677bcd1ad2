import { cpuBackend } from '@nabla/backend-cpu';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Conv2dOptions, Tensor } from '../index.js';
import * as torch from '../index.js';
import {
  CPU_PATHS,
  caseIds,
  caseOf,
  checkForward,
  compare,
  makeTensor,
  type NnOpTable,
} from './fixtures.test.util.js';

/** conv2d against torch 1.13 (cases: tools/fixtures/nn_functional.py). */
const ops: NnOpTable = {
  conv2d: (x: Tensor, w: Tensor, b?: Tensor | null, o?: Conv2dOptions) => torch.conv2d(x, w, b, o),
  cnnFeatures: (x: Tensor, w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor) =>
    torch.maxPool2d(torch.conv2d(torch.conv2d(x, w1, b1).relu(), w2, b2).relu(), 2),
};

describe.each(CPU_PATHS)('conv2d matches torch 1.13 (%s)', (_, backend) => {
  beforeEach(() => torch.useDevice('cpu', backend()));
  it.each(caseIds('conv2d', 'cnnFeatures'))('%s', (id) => checkForward(id, ops));
});

// every test starts on the fused kernels; the blocks above switch to their own path
beforeEach(() => torch.useDevice('cpu', cpuBackend()));

describe('conv2d', () => {
  it('reads non-contiguous input and weight', () => {
    const c = caseOf('conv2d padding 1');
    const [xs, ws, bs] = c.args as [never, never, never];
    // the same values behind a transposed layout
    const x = makeTensor(xs).transpose(2, 3).contiguous().transpose(2, 3);
    const w = makeTensor(ws).permute(1, 0, 2, 3).contiguous().permute(1, 0, 2, 3);
    expect(x.isContiguous()).toBe(false);
    compare(torch.conv2d(x, w, makeTensor(bs), { padding: 1 }), c.output as never, c.id);
  });

  it('gives the chapter 9 shapes: 32 -> 30 -> 28, then 14 after max pooling', () => {
    const x = torch.randn(2, 3, 32, 32);
    const h1 = torch.conv2d(x, torch.randn(32, 3, 3, 3), torch.randn(32));
    const h2 = torch.conv2d(h1.relu(), torch.randn(32, 32, 3, 3), torch.randn(32));
    expect(h1.shape).toEqual([2, 32, 30, 30]);
    expect(h2.shape).toEqual([2, 32, 28, 28]);
    expect(torch.maxPool2d(h2.relu(), [2, 2]).flatten(1).shape).toEqual([2, 6272]);
  });

  it('keeps the size with padding same, also for even kernels', () => {
    const x = torch.randn(1, 2, 5, 6);
    for (const k of [1, 2, 3, 4]) {
      expect(torch.conv2d(x, torch.randn(3, 2, k, k), null, { padding: 'same' }).shape).toEqual([
        1, 3, 5, 6,
      ]);
    }
  });

  it('applies the chapter 9 demo kernel (a diagonal) to an image', () => {
    const image = torch.arange(16, { dtype: 'float32' }).view(1, 1, 4, 4);
    const w = torch
      .tensor([
        [0, 0, 1],
        [0, 1, 0],
        [1, 0, 0],
      ])
      .float()
      .view(1, 1, 3, 3);
    // each output sums the anti-diagonal of its 3x3 window: (2 + 5 + 8), (3 + 6 + 9), ...
    expect(torch.conv2d(image, w).tolist()).toEqual([
      [
        [
          [15, 18],
          [27, 30],
        ],
      ],
    ]);
  });

  it('rejects int input', () => {
    expect(() =>
      torch.conv2d(torch.zeros(1, 1, 3, 3, { dtype: 'int32' }), torch.zeros(1, 1, 3, 3)),
    ).toThrow(/conv2d: expected input to be a float32 tensor, got int32/);
  });
});
