import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { tensor, useDevice } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { RMSprop } from './rmsprop.js';
import { optimizerCases, runOptimizerCase } from './test-helpers.js';

beforeAll(() => useDevice('cpu', autodiff(cpuBackend())));

describe('RMSprop matches torch.optim.RMSprop (tools/fixtures/optim.py)', () => {
  it.each(optimizerCases('RMSprop'))('%s', (_, c) => runOptimizerCase(c));
});

describe('RMSprop', () => {
  const w = () => tensor([1], { requiresGrad: true });

  it('rejects invalid hyper-parameters with PyTorch messages, in its order', () => {
    expect(() => new RMSprop([w()], { lr: -1, alpha: -1 })).toThrow('Invalid learning rate: -1');
    expect(() => new RMSprop([w()], { eps: -1 })).toThrow('Invalid epsilon value: -1');
    expect(() => new RMSprop([w()], { momentum: -1 })).toThrow('Invalid momentum value: -1');
    expect(() => new RMSprop([w()], { weightDecay: -1 })).toThrow('Invalid weight_decay value: -1');
    expect(() => new RMSprop([w()], { alpha: -1 })).toThrow('Invalid alpha value: -1');
  });

  it('makes the momentum buffer and grad average only when asked for', () => {
    const p = w();
    const plain = new RMSprop([p]);
    p.grad = tensor([1]);
    plain.step();
    expect(Object.keys(plain.state.get(p) ?? {}).sort()).toEqual(['squareAvg', 'step']);
    const q = w();
    const full = new RMSprop([q], { momentum: 0.9, centered: true });
    q.grad = tensor([1]);
    full.step();
    expect(Object.keys(full.state.get(q) ?? {}).sort()).toEqual([
      'gradAvg',
      'momentumBuffer',
      'squareAvg',
      'step',
    ]);
  });
});
