import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { rand, tensor, useDevice } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { BCELoss, type BCELossOptions, binaryCrossEntropy } from './binary-cross-entropy.js';
import { expectGradcheck, goldenSuite } from './golden.test.util.js';

beforeAll(() => {
  useDevice('cpu', autodiff(cpuBackend()));
});

goldenSuite('binaryCrossEntropy', {
  binaryCrossEntropy: (x, y, o) => binaryCrossEntropy(x, y, o as BCELossOptions),
  BCELoss: (x, y, o) => new BCELoss(o as BCELossOptions)(x, y),
});

const f32 = (values: number[] | number[][]) => tensor(values, { dtype: 'float32' });

describe('BCELoss', () => {
  it('prints as in PyTorch, with its weight as a field', () => {
    const weight = f32([1, 2]);
    expect(String(new BCELoss({ weight }))).toBe('BCELoss()');
    expect(new BCELoss({ weight }).weight).toBe(weight);
    expect(new BCELoss().weight).toBeNull();
  });

  it('records one BinaryCrossEntropyBackward0 node over the sigmoid, as PyTorch', () => {
    const x = f32([0.3, -1.2]).requiresGrad_(true);
    const loss = binaryCrossEntropy(x.sigmoid(), f32([1, 0]));
    expect(loss.gradFn?.name).toBe('BinaryCrossEntropyBackward0');
    expect(loss.gradFn?.nextFunctions.map((f) => f?.name)).toContain('SigmoidBackward0');
  });

  it('gives 100, not infinity, for a probability of 0 or 1 on the wrong side', () => {
    const loss = binaryCrossEntropy(f32([0, 1]), f32([1, 0]), { reduction: 'none' });
    expect(loss.tolist()).toEqual([100, 100]);
  });

  it('fails on a target of another size, naming both shapes (a ValueError in PyTorch)', () => {
    expect(() => new BCELoss()(rand(3, 1), rand(3))).toThrow(
      'BCELoss: target size [3] must be the same as input size [3, 1]',
    );
  });

  it('fails on inputs outside [0, 1] or NaN, as PyTorch', () => {
    expect(() => new BCELoss()(f32([0.5, 1.5]), f32([1, 0]))).toThrow(
      'BCELoss: all elements of input should be between 0 and 1, found 1.5 (input of shape [2]); apply sigmoid() to the outputs, or use BCEWithLogitsLoss on them',
    );
    expect(() => binaryCrossEntropy(f32([-0.5, 0.5]), f32([1, 0]))).toThrow('found -0.5');
    expect(() => binaryCrossEntropy(f32([Number.NaN]), f32([1]))).toThrow('found NaN');
  });

  it('fails on int targets and int weights', () => {
    expect(() => new BCELoss()(f32([0.5, 0.2]), tensor([1, 0]))).toThrow(
      'BCELoss: expected a float32 target, got int32 (target of shape [2]); convert labels with .float()',
    );
    expect(() =>
      binaryCrossEntropy(f32([0.5, 0.2]), f32([1, 0]), { weight: tensor([1, 2]) }),
    ).toThrow('binaryCrossEntropy: expected a float32 weight, got int32');
  });

  it('fails on a weight that does not broadcast to the input', () => {
    expect(() => binaryCrossEntropy(rand(3, 2), rand(3, 2), { weight: rand(3) })).toThrow(
      'binaryCrossEntropy: weight of shape [3] cannot be broadcast to the input size [3, 2]',
    );
  });

  it('has gradients that match finite differences inside (0, 1)', () => {
    const y = f32([1, 0, 0.3, 1]);
    const x0 = f32([0.8, 0.35, 0.6, 0.15]);
    expectGradcheck((x) => binaryCrossEntropy(x, y, { reduction: 'sum' }), x0, { h: 1e-3 });
    const weight = f32([0.5, 2, 1, 3]);
    expectGradcheck((x) => binaryCrossEntropy(x, y, { weight }), x0, { h: 1e-3 });
  });

  it('passes the gradient to the target too', () => {
    const x = f32([0.8, 0.35]);
    expectGradcheck((y) => binaryCrossEntropy(x, y, { reduction: 'sum' }), f32([0.9, 0.2]));
  });
});
