import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { rand, randn, tensor, useDevice } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { CrossEntropyLoss, type CrossEntropyLossOptions, crossEntropy } from './cross-entropy.js';
import { expectGradcheck, goldenSuite } from './golden.test.util.js';

beforeAll(() => {
  useDevice('cpu', autodiff(cpuBackend()));
});

goldenSuite('crossEntropy', {
  crossEntropy: (x, y, o) => crossEntropy(x, y, o as CrossEntropyLossOptions),
  CrossEntropyLoss: (x, y, o) => new CrossEntropyLoss(o as CrossEntropyLossOptions)(x, y),
});

const f32 = (values: number[] | number[][]) => tensor(values, { dtype: 'float32' });

describe('CrossEntropyLoss', () => {
  it('prints as in PyTorch, with its options as fields and their defaults', () => {
    const criterion = new CrossEntropyLoss();
    expect(String(criterion)).toBe('CrossEntropyLoss()');
    expect(criterion.reduction).toBe('mean');
    expect(criterion.ignoreIndex).toBe(-100);
    expect(criterion.labelSmoothing).toBe(0);
    expect(criterion.weight).toBeNull();
    const weight = f32([1, 2, 3]);
    const custom = new CrossEntropyLoss({ weight, ignoreIndex: 2, labelSmoothing: 0.1 });
    expect(String(custom)).toBe('CrossEntropyLoss()');
    expect([custom.weight, custom.ignoreIndex, custom.labelSmoothing]).toEqual([weight, 2, 0.1]);
  });

  it('records NllLossBackward0 over LogSoftmaxBackward0, as PyTorch', () => {
    const x = randn(4, 3).requiresGrad_(true);
    const loss = new CrossEntropyLoss()(x, tensor([0, 2, 1, 1]));
    expect(loss.gradFn?.name).toBe('NllLossBackward0');
    expect(loss.gradFn?.nextFunctions[0]?.name).toBe('LogSoftmaxBackward0');
    const spatial = crossEntropy(
      randn(2, 3, 2, 2).requiresGrad_(true),
      tensor([
        [
          [0, 1],
          [2, 0],
        ],
        [
          [1, 1],
          [0, 2],
        ],
      ]),
    );
    expect(spatial.gradFn?.name).toBe('NllLoss2DBackward0');
  });

  it('explains float labels of shape [N]: class indices must be int32', () => {
    expect(() => new CrossEntropyLoss()(randn(3, 4), f32([0, 1, 2]))).toThrow(
      'CrossEntropyLoss: expected target of shape [3] (int32 class indices) or [3, 4] (float32 class probabilities) for input [3, 4], got float32 of shape [3]; convert class labels with .long()',
    );
  });

  it('fails on a target of the wrong shape, naming both shapes', () => {
    expect(() => new CrossEntropyLoss()(randn(3, 4), tensor([[0, 1, 2]]))).toThrow(
      'CrossEntropyLoss: expected target of shape [3] (int32 class indices) or [3, 4] (float32 class probabilities) for input [3, 4], got int32 of shape [1, 3]',
    );
    expect(() => crossEntropy(randn(3, 4), tensor([0, 1]))).toThrow('got int32 of shape [2]');
    expect(() => crossEntropy(randn(2, 3, 4), tensor([[0, 1, 2, 1]]))).toThrow(
      'crossEntropy: expected target of shape [2, 4] (int32 class indices) or [2, 3, 4] (float32 class probabilities) for input [2, 3, 4], got int32 of shape [1, 4]',
    );
    // PyTorch: "Expected floating point type for target with class probabilities, got Long"
    expect(() =>
      crossEntropy(
        randn(3, 4),
        tensor([
          [0, 1, 0, 0],
          [1, 0, 0, 0],
          [0, 0, 1, 0],
        ]),
      ),
    ).toThrow('got int32 of shape [3, 4]');
    expect(() => crossEntropy(randn(3, 4), tensor([true, false, true]))).toThrow(
      'got bool of shape [3]',
    );
  });

  it('fails on targets out of range, as PyTorch ("Target 5 is out of bounds.")', () => {
    expect(() => new CrossEntropyLoss()(randn(3, 4), tensor([0, 5, 1]))).toThrow(
      'CrossEntropyLoss: Target 5 is out of bounds (class indices must be in [0, 3] for input [3, 4], or ignoreIndex -100)',
    );
    expect(() => crossEntropy(randn(3, 4), tensor([0, -1, 1]))).toThrow(
      'Target -1 is out of bounds',
    );
    // the ignored value may be outside the range; with ignoreIndex = -1 it is skipped
    expect(crossEntropy(randn(3, 4), tensor([0, -1, 1]), { ignoreIndex: -1 }).dtype).toBe(
      'float32',
    );
  });

  it('fails on int inputs (PyTorch: log_softmax not implemented for Long) and 0-d inputs', () => {
    expect(() => crossEntropy(tensor([[1, 2]]), tensor([0]))).toThrow(
      'crossEntropy: expected a float32 input, got int32 (input of shape [1, 2])',
    );
    expect(() => crossEntropy(f32([1]).view([]), tensor(0))).toThrow(
      'crossEntropy: expected an input of shape [C], [N, C] or [N, C, d1, ...], got a 0-d tensor',
    );
  });

  it('fails on a weight that is not one per class', () => {
    expect(() => crossEntropy(randn(3, 4), tensor([0, 1, 1]), { weight: rand(3) })).toThrow(
      'crossEntropy: weight tensor should be defined either for all 4 classes or no classes but got weight tensor of shape: [3]',
    );
  });

  it('fails on label smoothing outside [0, 1] and ignoreIndex with probabilities', () => {
    expect(() => new CrossEntropyLoss({ labelSmoothing: 1.5 })).toThrow(
      'CrossEntropyLoss: labelSmoothing must be between 0.0 and 1.0, got 1.5',
    );
    expect(() => crossEntropy(randn(2, 3), rand(2, 3), { ignoreIndex: 1 })).toThrow(
      'crossEntropy: ignoreIndex is not supported for class probabilities (a float32 target of shape [2, 3]), got 1',
    );
  });

  it('has gradients that match finite differences, for indices and probabilities', () => {
    const x0 = f32([
      [0.2, -1.1, 0.7],
      [1.3, 0.4, -0.6],
      [-0.3, 0.9, 0.1],
    ]);
    const labels = tensor([2, 0, 1]);
    const weight = f32([0.5, 2, 1.5]);
    expectGradcheck((x) => crossEntropy(x, labels), x0);
    expectGradcheck((x) => crossEntropy(x, labels, { weight, labelSmoothing: 0.2 }), x0);
    const probs = f32([
      [0.2, 0.5, 0.3],
      [0.6, 0.1, 0.3],
      [0.1, 0.1, 0.8],
    ]);
    expectGradcheck((x) => crossEntropy(x, probs, { weight, reduction: 'sum' }), x0);
  });
});
