import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { logSoftmax, randn, softmax, tensor, useDevice } from '@nabla/tensor';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { expectGradcheck, goldenSuite } from './golden.test.util.js';
import { KLDivLoss, type KLDivLossOptions, klDiv } from './kl-div.js';
import { resetWarnings } from './warn.js';

beforeAll(() => {
  useDevice('cpu', autodiff(cpuBackend()));
});

goldenSuite('klDiv', {
  klDiv: (x, y, o) => klDiv(x, y, o as KLDivLossOptions),
  KLDivLoss: (x, y, o) => new KLDivLoss(o as KLDivLossOptions)(x, y),
});

describe('KLDivLoss', () => {
  beforeEach(() => {
    resetWarnings();
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('prints as in PyTorch, with its options as fields', () => {
    const criterion = new KLDivLoss({ reduction: 'batchmean', logTarget: true });
    expect(String(criterion)).toBe('KLDivLoss()');
    expect(criterion.reduction).toBe('batchmean');
    expect(criterion.logTarget).toBe(true);
    expect(new KLDivLoss().reduction).toBe('mean');
  });

  it("warns once that 'mean' is not the KL divergence, as PyTorch 1.13", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const x = logSoftmax(randn(2, 3), 1);
    const y = softmax(randn(2, 3), 1);
    new KLDivLoss()(x, y);
    new KLDivLoss()(x, y);
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]?.[0]).toMatch(
      /^KLDivLoss: reduction 'mean' divides the total loss by both the batch size and the support size\./,
    );
    new KLDivLoss({ reduction: 'batchmean' })(x, y);
    expect(warn).toHaveBeenCalledOnce();
  });

  it("'batchmean' is 'sum' divided by the batch size", () => {
    const x = logSoftmax(randn(4, 3), 1);
    const y = softmax(randn(4, 3), 1);
    const sum = klDiv(x, y, { reduction: 'sum' }).item();
    expect(klDiv(x, y, { reduction: 'batchmean' }).item()).toBeCloseTo(sum / 4, 6);
  });

  it('fails on int tensors and unknown reductions', () => {
    const x = logSoftmax(randn(2, 2), 1);
    expect(() =>
      klDiv(
        x,
        tensor([
          [1, 0],
          [0, 1],
        ]),
      ),
    ).toThrow('klDiv: expected float32 input and target, got float32 and int32');
    expect(() => new KLDivLoss({ reduction: 'avg' as 'mean' })).toThrow(
      "KLDivLoss: reduction must be 'none', 'batchmean', 'mean' or 'sum', got 'avg'",
    );
  });

  it('has gradients that match finite differences', () => {
    const y = softmax(tensor([[0.3, -1.2, 0.8]], { dtype: 'float32' }), 1);
    const x0 = tensor([[0.2, -0.4, 1.1]], { dtype: 'float32' });
    expectGradcheck((x) => klDiv(logSoftmax(x, 1), y, { reduction: 'batchmean' }), x0);
    expectGradcheck(
      (x) => klDiv(logSoftmax(x, 1), y.log(), { reduction: 'sum', logTarget: true }),
      x0,
    );
  });
});
