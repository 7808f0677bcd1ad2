import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { randn, tensor, useDevice } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectGradcheck, goldenSuite } from './golden.test.util.js';
import { SmoothL1Loss, type SmoothL1LossOptions, smoothL1Loss } from './smooth-l1-loss.js';

beforeAll(() => {
  useDevice('cpu', autodiff(cpuBackend()));
});

goldenSuite('smoothL1Loss', {
  smoothL1Loss: (x, y, o) => smoothL1Loss(x, y, o as SmoothL1LossOptions),
  SmoothL1Loss: (x, y, o) => new SmoothL1Loss(o as SmoothL1LossOptions)(x, y),
});

const f32 = (values: number[]) => tensor(values, { dtype: 'float32' });

describe('SmoothL1Loss', () => {
  it('prints as in PyTorch, with beta as a field', () => {
    const criterion = new SmoothL1Loss({ beta: 0.5 });
    expect(String(criterion)).toBe('SmoothL1Loss()');
    expect(criterion.beta).toBe(0.5);
    expect(new SmoothL1Loss().beta).toBe(1);
  });

  it('records one SmoothL1LossBackward0 node', () => {
    const x = randn(3).requiresGrad_(true);
    expect(smoothL1Loss(x, randn(3)).gradFn?.name).toBe('SmoothL1LossBackward0');
  });

  it('fails on a negative beta', () => {
    expect(() => new SmoothL1Loss({ beta: -1 })).toThrow(
      'SmoothL1Loss: beta must be non-negative, got -1',
    );
    expect(() => smoothL1Loss(randn(2), randn(2), { beta: -0.5 })).toThrow(
      'smoothL1Loss: beta must be non-negative, got -0.5',
    );
  });

  it('has gradients that match finite differences, away from the kinks', () => {
    const y = f32([0.3, -1.2, 0.8, 2.0]);
    const x0 = f32([1.9, -0.4, 0.5, 1.7]); // |d| = 1.6, 0.8, 0.3, 0.3
    expectGradcheck((x) => smoothL1Loss(x, y, { reduction: 'sum' }), x0);
    expectGradcheck((x) => smoothL1Loss(x, y, { reduction: 'sum', beta: 0.5 }), x0);
  });
});
