import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { randn, tensor, useDevice } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { binaryCrossEntropy } from './binary-cross-entropy.js';
import {
  BCEWithLogitsLoss,
  type BCEWithLogitsLossOptions,
  binaryCrossEntropyWithLogits,
} from './binary-cross-entropy-with-logits.js';
import { expectGradcheck, goldenSuite } from './golden.test.util.js';

beforeAll(() => {
  useDevice('cpu', autodiff(cpuBackend()));
});

goldenSuite('binaryCrossEntropyWithLogits', {
  binaryCrossEntropyWithLogits: (x, y, o) =>
    binaryCrossEntropyWithLogits(x, y, o as BCEWithLogitsLossOptions),
  BCEWithLogitsLoss: (x, y, o) => new BCEWithLogitsLoss(o as BCEWithLogitsLossOptions)(x, y),
});

const f32 = (values: number[] | number[][]) => tensor(values, { dtype: 'float32' });

describe('BCEWithLogitsLoss', () => {
  it('prints as in PyTorch, with weight and posWeight as fields', () => {
    const posWeight = f32([3]);
    const criterion = new BCEWithLogitsLoss({ posWeight });
    expect(String(criterion)).toBe('BCEWithLogitsLoss()');
    expect(criterion.posWeight).toBe(posWeight);
    expect(criterion.weight).toBeNull();
  });

  it('records one BinaryCrossEntropyWithLogitsBackward0 node', () => {
    const x = randn(3).requiresGrad_(true);
    const loss = binaryCrossEntropyWithLogits(x, f32([1, 0, 1]));
    expect(loss.gradFn?.name).toBe('BinaryCrossEntropyWithLogitsBackward0');
  });

  it('equals a sigmoid and BCELoss (the course, chapter 6 column)', () => {
    const logits = f32([[2.2], [-1.4], [0.3], [-0.05]]);
    const labels = f32([[1], [0], [0], [1]]);
    const a = new BCEWithLogitsLoss()(logits, labels).item();
    const b = binaryCrossEntropy(logits.sigmoid(), labels).item();
    expect(a).toBeCloseTo(b, 6);
  });

  it('has the slope 0.5 - y at a logit of exactly 0, as PyTorch', () => {
    const x = f32([0, 0, 0]).requiresGrad_(true);
    binaryCrossEntropyWithLogits(x, f32([0, 1, 0.25]), { reduction: 'sum' }).backward();
    expect(x.grad?.tolist()).toEqual([0.5, -0.5, 0.25]);
  });

  it('fails on a target of another size and on int targets', () => {
    expect(() => new BCEWithLogitsLoss()(randn(3, 1), randn(3))).toThrow(
      'BCEWithLogitsLoss: target size [3] must be the same as input size [3, 1]',
    );
    expect(() => binaryCrossEntropyWithLogits(randn(2), tensor([1, 0]))).toThrow(
      'binaryCrossEntropyWithLogits: expected a float32 target, got int32',
    );
  });

  it('fails on a posWeight that does not broadcast to the input', () => {
    const posWeight = f32([1, 2, 3]);
    expect(() => new BCEWithLogitsLoss({ posWeight })(randn(4, 2), randn(4, 2))).toThrow(
      'BCEWithLogitsLoss: posWeight of shape [3] cannot be broadcast to the input size [4, 2]',
    );
  });

  it('has gradients that match finite differences, with posWeight and weight', () => {
    const y = f32([1, 0, 0.3, 1, 0, 0.6]).view(3, 2);
    const x0 = f32([0.8, -1.35, 2.6, -0.15, 0.4, 3.1]).view(3, 2);
    const posWeight = f32([2.5, 0.4]);
    const weight = f32([[0.5], [2], [1]]);
    expectGradcheck((x) => binaryCrossEntropyWithLogits(x, y, { reduction: 'sum' }), x0);
    expectGradcheck(
      (x) => binaryCrossEntropyWithLogits(x, y, { posWeight, weight, reduction: 'sum' }),
      x0,
    );
  });
});
