import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { tensor, useDevice } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Adagrad } from './adagrad.js';
import { optimizerCases, runOptimizerCase } from './test-helpers.js';

beforeAll(() => useDevice('cpu', autodiff(cpuBackend())));

describe('Adagrad matches torch.optim.Adagrad (tools/fixtures/optim.py)', () => {
  it.each(optimizerCases('Adagrad'))('%s', (_, c) => runOptimizerCase(c));
});

describe('Adagrad', () => {
  const w = () => tensor([1, 2], { requiresGrad: true });

  it('rejects invalid hyper-parameters with PyTorch messages, in its order', () => {
    expect(() => new Adagrad([w()], { lr: -1 })).toThrow('Invalid learning rate: -1');
    expect(() => new Adagrad([w()], { lrDecay: -1 })).toThrow('Invalid lr_decay value: -1');
    expect(() => new Adagrad([w()], { weightDecay: -1 })).toThrow('Invalid weight_decay value: -1');
    expect(() => new Adagrad([w()], { initialAccumulatorValue: -1 })).toThrow(
      'Invalid initial_accumulator_value value: -1',
    );
    expect(() => new Adagrad([w()], { eps: -1 })).toThrow('Invalid epsilon value: -1');
  });

  it('makes its state when a group is added, as PyTorch does', () => {
    const p = w();
    const q = w();
    const optimizer = new Adagrad([p], { initialAccumulatorValue: 0.5 });
    expect(optimizer.state.get(p)?.sum.tolist()).toEqual([0.5, 0.5]);
    optimizer.addParamGroup({ params: [q], initialAccumulatorValue: 0.25 });
    expect(optimizer.state.get(q)?.step).toBe(0);
    expect(optimizer.state.get(q)?.sum.tolist()).toEqual([0.25, 0.25]);
  });
});
