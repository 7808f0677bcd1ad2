import { cpuBackend } from '@nabla/backend-cpu';
import { beforeEach, describe, expect, it } from 'vitest';
import type {
  AdaptiveSize,
  AvgPool2dOptions,
  IntPair,
  MaxPool2dOptions,
  Tensor,
} from '../index.js';
import * as torch from '../index.js';
import { CPU_PATHS, caseIds, checkForward, type NnOpTable } from './fixtures.test.util.js';

/** The pooling ops against torch 1.13 (cases: tools/fixtures/nn_functional.py). */
const ops: NnOpTable = {
  maxPool2d: (x: Tensor, k: IntPair, o?: MaxPool2dOptions) => torch.maxPool2d(x, k, o),
  avgPool2d: (x: Tensor, k: IntPair, o?: AvgPool2dOptions) => torch.avgPool2d(x, k, o),
  adaptiveAvgPool2d: (x: Tensor, size: AdaptiveSize) => torch.adaptiveAvgPool2d(x, size),
};

describe.each(CPU_PATHS)('maxPool2d matches torch 1.13 (%s)', (_, backend) => {
  beforeEach(() => torch.useDevice('cpu', backend()));
  it.each(caseIds('maxPool2d'))('%s', (id) => checkForward(id, ops));
});

// every test starts on the fused kernels; the blocks above switch to their own path
beforeEach(() => torch.useDevice('cpu', cpuBackend()));

describe('pooling matches torch 1.13', () => {
  it.each(caseIds('avgPool2d'))('%s', (id) => checkForward(id, ops));
  it.each(caseIds('adaptiveAvgPool2d'))('%s', (id) => checkForward(id, ops));
});

describe('pooling', () => {
  it('gives the chapter 11 shapes: adaptive pooling to [1, 1], then a view', () => {
    const m = torch.adaptiveAvgPool2d(torch.randn(4, 32, 16, 16), [1, 1]);
    expect(m.shape).toEqual([4, 32, 1, 1]);
    expect(m.view(m.shape[0] as number, -1).shape).toEqual([4, 32]);
  });

  it('adaptive pooling to [1, 1] is the mean of each plane', () => {
    const x = torch.randn(2, 3, 5, 7);
    const got = torch.adaptiveAvgPool2d(x, 1).flatten().tolist() as number[];
    const want = x.mean([2, 3]).flatten().tolist() as number[];
    got.forEach((g, i) => {
      expect(g).toBeCloseTo(want[i] as number, 6);
    });
  });

  it('max pooling returns indices into the input plane', () => {
    const x = torch.tensor([
      [
        [1, 5, 2, 0],
        [3, 4, 8, 1],
        [0, 2, 1, 1],
        [9, 1, 1, 7],
      ],
    ]);
    const [values, indices] = torch.maxPool2d(x.float(), 2, { returnIndices: true });
    expect(values.tolist()).toEqual([
      [
        [5, 8],
        [9, 7],
      ],
    ]);
    expect(indices.tolist()).toEqual([
      [
        [1, 6],
        [12, 15],
      ],
    ]);
  });
});
