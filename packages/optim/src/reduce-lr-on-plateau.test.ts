import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { tensor, useDevice } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './reduce-lr-on-plateau.js';
import { SGD } from './sgd.js';
import { freshParams, runSchedulerCase, schedulerCases } from './test-helpers.js';

beforeAll(() => useDevice('cpu', autodiff(cpuBackend())));

describe('ReduceLROnPlateau matches torch.optim.lr_scheduler.ReduceLROnPlateau', () => {
  it.each(schedulerCases('ReduceLROnPlateau'))('%s', (_, c) =>
    runSchedulerCase(c, (o, args) => {
      const scheduler = new ReduceLROnPlateau(o, args as ReduceLROnPlateauOptions);
      return {
        step: (m?: number) => scheduler.step(m as number),
        getLastLr: () => scheduler.getLastLr(),
      };
    }),
  );
});

describe('ReduceLROnPlateau', () => {
  const sgd = () => new SGD(freshParams(), { lr: 0.1 });

  it('takes a one-element tensor as the metric', () => {
    const scheduler = new ReduceLROnPlateau(sgd(), { patience: 0 });
    scheduler.step(tensor(1.5));
    expect(scheduler.best).toBe(1.5);
    scheduler.step(tensor(2));
    expect(scheduler.getLastLr()).toEqual([0.010000000000000002]); // torch 1.13's value
  });

  it('rejects bad options with PyTorch messages', () => {
    expect(() => new ReduceLROnPlateau(sgd(), { factor: 1 })).toThrow('Factor should be < 1.0.');
    expect(() => new ReduceLROnPlateau(sgd(), { minLr: [0, 0] })).toThrow(
      'expected 1 min_lrs, got 2',
    );
    expect(() => new ReduceLROnPlateau(sgd(), { mode: 'avg' as 'min' })).toThrow(
      'mode avg is unknown!',
    );
    expect(() => new ReduceLROnPlateau(sgd(), { thresholdMode: 'x' as 'rel' })).toThrow(
      'threshold mode x is unknown!',
    );
  });

  it('saves and restores its state with PyTorch names', () => {
    const optimizer = sgd();
    const scheduler = new ReduceLROnPlateau(optimizer, { patience: 1, cooldown: 2 });
    for (const m of [3, 2, 2, 2]) scheduler.step(m);
    const saved = scheduler.stateDict();
    expect(saved).toMatchObject({
      best: 2,
      num_bad_epochs: 0,
      cooldown_counter: 2,
      last_epoch: 4,
      mode_worse: Number.POSITIVE_INFINITY,
      threshold_mode: 'rel',
    });
    const other = new ReduceLROnPlateau(optimizer);
    other.loadStateDict(saved);
    expect(other.stateDict()).toEqual(saved);
  });
});
