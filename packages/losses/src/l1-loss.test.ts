import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { randn, tensor, useDevice } from '@nabla/tensor';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectGradcheck, goldenSuite } from './golden.test.util.js';
import { L1Loss, l1Loss } from './l1-loss.js';
import type { LossOptions } from './loss.js';

beforeAll(() => {
  useDevice('cpu', autodiff(cpuBackend()));
});

goldenSuite('l1Loss', {
  l1Loss: (x, y, o) => l1Loss(x, y, o as LossOptions),
  L1Loss: (x, y, o) => new L1Loss(o as LossOptions)(x, y),
});

const f32 = (values: number[] | number[][]) => tensor(values, { dtype: 'float32' });

describe('L1Loss', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('prints as in PyTorch and keeps its reduction', () => {
    expect(String(new L1Loss())).toBe('L1Loss()');
    expect(new L1Loss({ reduction: 'none' }).reduction).toBe('none');
  });

  it('records the graph PyTorch 1.13 records: AbsBackward0 under MeanBackward0', () => {
    const x = randn(4).requiresGrad_(true);
    const loss = l1Loss(x, randn(4));
    expect(loss.gradFn?.name).toBe('MeanBackward0');
    expect(loss.gradFn?.nextFunctions[0]?.name).toBe('AbsBackward0');
  });

  it('warns about a target of another size and broadcasts it', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(new L1Loss()(f32([[1], [2]]), f32([0, 1])).item()).toBeCloseTo(1, 6);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('L1Loss: using a target size [2]'));
  });

  it('has gradients that match finite differences', () => {
    const y = f32([0.3, -1.2, 0.8, 2.0]);
    expectGradcheck((x) => l1Loss(x, y, { reduction: 'sum' }), f32([1.1, -0.4, 0.2, 1.7]));
  });
});
