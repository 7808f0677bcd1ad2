import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { useDevice } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Adagrad } from './adagrad.js';
import { OneCycleLR, type OneCycleLROptions } from './one-cycle-lr.js';
import { SGD } from './sgd.js';
import { freshParams, runSchedulerCase, schedulerCases } from './test-helpers.js';

beforeAll(() => useDevice('cpu', autodiff(cpuBackend())));

describe('OneCycleLR matches torch.optim.lr_scheduler.OneCycleLR', () => {
  it.each(schedulerCases('OneCycleLR'))('%s', (_, c) =>
    runSchedulerCase(c, (o, args) => new OneCycleLR(o, args as unknown as OneCycleLROptions)),
  );
});

describe('OneCycleLR checks its arguments as PyTorch does', () => {
  const sgd = () => new SGD(freshParams(), { lr: 0.1, momentum: 0.9 });

  it('needs a step count', () => {
    expect(() => new OneCycleLR(sgd(), { maxLr: 0.1 })).toThrow(
      'You must define either total_steps OR (epochs AND steps_per_epoch)',
    );
    expect(() => new OneCycleLR(sgd(), { maxLr: 0.1, totalSteps: 0 })).toThrow(
      'Expected positive integer total_steps, but got 0',
    );
    expect(() => new OneCycleLR(sgd(), { maxLr: 0.1, epochs: 2.5, stepsPerEpoch: 3 })).toThrow(
      'Expected positive integer epochs, but got 2.5',
    );
    expect(() => new OneCycleLR(sgd(), { maxLr: 0.1, epochs: 2 })).toThrow(
      'Expected positive integer steps_per_epoch, but got undefined',
    );
  });

  it('rejects a bad pct_start, anneal strategy, or per-group list', () => {
    expect(() => new OneCycleLR(sgd(), { maxLr: 0.1, totalSteps: 5, pctStart: 1.5 })).toThrow(
      'Expected float between 0 and 1 pct_start, but got 1.5',
    );
    const strategy = 'step' as 'cos';
    expect(
      () => new OneCycleLR(sgd(), { maxLr: 0.1, totalSteps: 5, annealStrategy: strategy }),
    ).toThrow("anneal_strategy must by one of 'cos' or 'linear', instead got step");
    expect(() => new OneCycleLR(sgd(), { maxLr: [0.1, 0.2], totalSteps: 5 })).toThrow(
      'expected 1 values for max_lr, got 2',
    );
  });

  it('needs an optimizer with momentum to cycle it', () => {
    const adagrad = new Adagrad(freshParams());
    expect(() => new OneCycleLR(adagrad, { maxLr: 0.1, totalSteps: 5 })).toThrow(
      'optimizer must support momentum with `cycle_momentum` option enabled',
    );
    expect(
      () => new OneCycleLR(adagrad, { maxLr: 0.1, totalSteps: 5, cycleMomentum: false }),
    ).not.toThrow();
  });

  it('refuses to step past the end', () => {
    const scheduler = new OneCycleLR(sgd(), { maxLr: 0.1, totalSteps: 3 });
    for (let i = 0; i < 3; i++) scheduler.step();
    expect(() => scheduler.step()).toThrow(
      'Tried to step 5 times. The specified number of total steps is 3',
    );
  });
});
