import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { logSoftmax, randn, tensor, useDevice } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectGradcheck, goldenSuite } from './golden.test.util.js';
import { NLLLoss, type NLLLossOptions, nllLoss } from './nll-loss.js';

beforeAll(() => {
  useDevice('cpu', autodiff(cpuBackend()));
});

goldenSuite('nllLoss', {
  nllLoss: (x, y, o) => nllLoss(x, y, o as NLLLossOptions),
  NLLLoss: (x, y, o) => new NLLLoss(o as NLLLossOptions)(x, y),
});

describe('NLLLoss', () => {
  it('prints as in PyTorch, with its options as fields', () => {
    const criterion = new NLLLoss({ ignoreIndex: 0 });
    expect(String(criterion)).toBe('NLLLoss()');
    expect(criterion.ignoreIndex).toBe(0);
    expect(criterion.weight).toBeNull();
    expect(new NLLLoss().ignoreIndex).toBe(-100);
  });

  it('records one NllLossBackward0 node', () => {
    const x = randn(3, 4).requiresGrad_(true);
    expect(nllLoss(x, tensor([0, 1, 3])).gradFn?.name).toBe('NllLossBackward0');
  });

  it('fails on float targets, naming the shapes', () => {
    expect(() => new NLLLoss()(randn(3, 4), randn(3))).toThrow(
      'NLLLoss: expected target of shape [3] (int32 class indices) for input [3, 4], got float32 of shape [3]; convert class labels with .long()',
    );
    // PyTorch: "0D or 1D target tensor expected, multi-target not supported"
    expect(() => nllLoss(randn(3, 4), randn(3, 4))).toThrow(
      'nllLoss: expected target of shape [3] (int32 class indices) for input [3, 4], got float32 of shape [3, 4]',
    );
  });

  it('fails on targets out of range and on int inputs', () => {
    expect(() => nllLoss(randn(3, 4), tensor([0, 4, 1]))).toThrow(
      'nllLoss: Target 4 is out of bounds (class indices must be in [0, 3] for input [3, 4], or ignoreIndex -100)',
    );
    // the course's chapter 7 demo needs float values: PyTorch's error is
    // "nll_loss_out_frame" not implemented for 'Long'
    expect(() => nllLoss(tensor([[1, 2, 3]]), tensor([0]))).toThrow(
      'nllLoss: expected a float32 input, got int32 (input of shape [1, 3])',
    );
  });

  it('fails on a weight that is not one per class and on a fractional ignoreIndex', () => {
    expect(() => nllLoss(randn(3, 4), tensor([0, 1, 1]), { weight: randn(4, 1) })).toThrow(
      'nllLoss: weight tensor should be defined either for all 4 classes or no classes but got weight tensor of shape: [4, 1]',
    );
    expect(() => new NLLLoss({ ignoreIndex: 0.5 })).toThrow(
      'NLLLoss: ignoreIndex must be an integer, got 0.5',
    );
  });

  it('has gradients that match finite differences, through logSoftmax', () => {
    const x0 = tensor(
      [
        [0.2, -1.1, 0.7, 0.4],
        [1.3, 0.4, -0.6, -2.0],
      ],
      { dtype: 'float32' },
    );
    const weight = tensor([0.5, 2, 1.5, 1], { dtype: 'float32' });
    expectGradcheck((x) => nllLoss(logSoftmax(x, 1), tensor([3, 0]), { weight }), x0);
  });
});
