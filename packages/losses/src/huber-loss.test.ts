import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { randn, tensor, useDevice } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectGradcheck, goldenSuite } from './golden.test.util.js';
import { HuberLoss, type HuberLossOptions, huberLoss } from './huber-loss.js';
import { smoothL1Loss } from './smooth-l1-loss.js';

beforeAll(() => {
  useDevice('cpu', autodiff(cpuBackend()));
});

goldenSuite('huberLoss', {
  huberLoss: (x, y, o) => huberLoss(x, y, o as HuberLossOptions),
  HuberLoss: (x, y, o) => new HuberLoss(o as HuberLossOptions)(x, y),
});

const f32 = (values: number[]) => tensor(values, { dtype: 'float32' });

describe('HuberLoss', () => {
  it('prints as in PyTorch, with delta as a field', () => {
    const criterion = new HuberLoss({ delta: 2 });
    expect(String(criterion)).toBe('HuberLoss()');
    expect(criterion.delta).toBe(2);
  });

  it('records one HuberLossBackward0 node', () => {
    const x = randn(3).requiresGrad_(true);
    expect(huberLoss(x, randn(3)).gradFn?.name).toBe('HuberLossBackward0');
  });

  it('is the smooth L1 loss times delta', () => {
    const x = f32([0.1, 2.5, -3, 0.7]);
    const y = f32([0, 0, 0.5, -0.2]);
    const huber = huberLoss(x, y, { delta: 1.5, reduction: 'sum' }).item();
    const smooth = smoothL1Loss(x, y, { beta: 1.5, reduction: 'sum' }).item();
    expect(huber).toBeCloseTo(1.5 * smooth, 5);
  });

  it('fails on a delta that is not positive, as PyTorch', () => {
    expect(() => new HuberLoss({ delta: 0 })).toThrow('HuberLoss: delta must be positive, got 0');
    expect(() => huberLoss(randn(2), randn(2), { delta: -1 })).toThrow(
      'huberLoss: delta must be positive, got -1',
    );
  });

  it('has gradients that match finite differences, away from the kinks', () => {
    const y = f32([0.3, -1.2, 0.8, 2.0]);
    const x0 = f32([1.9, -0.4, 0.5, 4.7]);
    expectGradcheck((x) => huberLoss(x, y, { reduction: 'sum', delta: 2 }), x0);
  });
});
