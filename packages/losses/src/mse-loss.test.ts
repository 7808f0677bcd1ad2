import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { randn, tensor, useDevice } from '@nabla/tensor';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { expectGradcheck, goldenSuite } from './golden.test.util.js';
import type { LossOptions } from './loss.js';
import { MSELoss, mseLoss } from './mse-loss.js';
import { resetWarnings } from './warn.js';

beforeAll(() => {
  useDevice('cpu', autodiff(cpuBackend()));
});

goldenSuite('mseLoss', {
  mseLoss: (x, y, o) => mseLoss(x, y, o as LossOptions),
  MSELoss: (x, y, o) => new MSELoss(o as LossOptions)(x, y),
});

const f32 = (values: number[] | number[][]) => tensor(values, { dtype: 'float32' });

describe('MSELoss', () => {
  beforeEach(() => {
    resetWarnings();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('is called like a function and prints as in PyTorch', () => {
    const criterion = new MSELoss();
    expect(criterion(f32([1, 2, 3]), f32([1, 2, 5])).item()).toBeCloseTo(4 / 3, 6);
    expect(String(criterion)).toBe('MSELoss()');
    expect(`${new MSELoss({ reduction: 'sum' })}`).toBe('MSELoss()');
    expect(new MSELoss({ reduction: 'sum' }).reduction).toBe('sum');
  });

  it('records one MseLossBackward0 node, as PyTorch', () => {
    const x = randn(3, 2).requiresGrad_(true);
    expect(mseLoss(x, randn(3, 2)).gradFn?.name).toBe('MseLossBackward0');
    expect(mseLoss(x, randn(3, 2), { reduction: 'none' }).gradFn?.name).toBe('MseLossBackward0');
  });

  it('takes the deprecated sizeAverage / reduce flags, with PyTorch warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const criterion = new MSELoss({ sizeAverage: false });
    expect(criterion.reduction).toBe('sum');
    expect(warn).toHaveBeenCalledWith(
      "size_average and reduce args will be deprecated, please use reduction='sum' instead.",
    );
    expect(mseLoss(f32([1, 2]), f32([0, 0]), { reduce: false }).tolist()).toEqual([1, 4]);
  });

  it('warns once and broadcasts a target of another size, as PyTorch (the course, p.169)', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const outputs = f32([[1], [2], [3]]);
    const labels = f32([1.5, 2, 2]);
    // [3, 1] against [3] broadcasts to [3, 3]: torch gives 0.75, not the intended 0.4167
    expect(mseLoss(outputs, labels).item()).toBeCloseTo(0.75, 6);
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]?.[0]).toBe(
      'mseLoss: using a target size [3] that is different to the input size [3, 1]. This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.',
    );
    new MSELoss()(outputs, labels);
    new MSELoss()(outputs, labels);
    expect(warn).toHaveBeenCalledTimes(2); // once for mseLoss, once for MSELoss
    expect(new MSELoss()(outputs, labels.view(-1, 1)).item()).toBeCloseTo(0.4166667, 6);
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('fails on sizes that do not broadcast, naming the loss and the shapes', () => {
    expect(() => new MSELoss()(randn(3, 2), randn(4))).toThrow(
      'MSELoss: the target size [4] cannot be broadcast to the input size [3, 2]',
    );
  });

  it('fails on int input and target, promotes an int target', () => {
    expect(() => mseLoss(tensor([1, 2]), tensor([1, 0]))).toThrow(
      'mseLoss: expected a float32 input or target, got int32 and int32',
    );
    expect(mseLoss(f32([1.5, 2]), tensor([1, 0])).item()).toBeCloseTo(2.125, 6);
  });

  it('fails on an unknown reduction', () => {
    expect(() => new MSELoss({ reduction: 'avg' as 'mean' })).toThrow(
      "MSELoss: reduction must be 'none', 'mean' or 'sum', got 'avg'",
    );
    expect(() => mseLoss(randn(2), randn(2), { reduction: 'avg' as 'mean' })).toThrow(
      "mseLoss: reduction must be 'none', 'mean' or 'sum', got 'avg'",
    );
  });

  it('has gradients that match finite differences, for input and target', () => {
    const y = f32([0.3, -1.2, 0.8, 2.0]);
    expectGradcheck((x) => mseLoss(x, y, { reduction: 'sum' }), f32([1.1, -0.4, 0.2, 1.7]));
    expectGradcheck((t) => mseLoss(f32([1.1, -0.4, 0.2, 1.7]), t), y);
  });
});
