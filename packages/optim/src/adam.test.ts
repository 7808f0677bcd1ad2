import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { tensor, useDevice } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Adam } from './adam.js';
import { optimizerCases, runOptimizerCase } from './test-helpers.js';

beforeAll(() => useDevice('cpu', autodiff(cpuBackend())));

describe('Adam matches torch.optim.Adam (tools/fixtures/optim.py)', () => {
  it.each(optimizerCases('Adam'))('%s', (_, c) => runOptimizerCase(c));
});

describe('Adam', () => {
  const w = () => tensor([1, 2], { requiresGrad: true });

  it("has PyTorch's defaults and prints as print(optimizer) does (the course's chapter 10)", () => {
    const optimizer = new Adam([w()]);
    expect(optimizer.defaults).toEqual({
      lr: 0.001,
      betas: [0.9, 0.999],
      eps: 1e-8,
      weightDecay: 0,
      amsgrad: false,
      maximize: false,
    });
    expect(optimizer.toString()).toBe(
      'Adam (\nParameter Group 0\n    amsgrad: False\n    betas: (0.9, 0.999)\n' +
        '    capturable: False\n    differentiable: False\n    eps: 1e-08\n    foreach: None\n' +
        '    fused: False\n    lr: 0.001\n    maximize: False\n    weight_decay: 0\n)',
    );
  });

  it('rejects invalid hyper-parameters with PyTorch messages', () => {
    expect(() => new Adam([w()], { lr: -1 })).toThrow('Invalid learning rate: -1');
    expect(() => new Adam([w()], { betas: [0.9, 1] })).toThrow(
      'Invalid beta parameter at index 1: 1',
    );
    expect(() => new Adam([w()], { eps: -1 })).toThrow('Invalid epsilon value: -1');
  });

  it('keeps step, exp_avg and exp_avg_sq per parameter, made on the first step', () => {
    const p = w();
    const optimizer = new Adam([p], { amsgrad: true });
    expect(optimizer.state.size).toBe(0);
    p.grad = tensor([0.5, -1]);
    optimizer.step();
    const state = optimizer.state.get(p);
    expect(state?.step).toBe(1);
    expect(state?.expAvg.tolist()).toEqual([Math.fround(0.05), Math.fround(-0.1)]);
    expect(state?.maxExpAvgSq?.shape).toEqual([2]);
  });
});
