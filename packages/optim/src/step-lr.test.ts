import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { useDevice } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { SGD } from './sgd.js';
import { StepLR, type StepLROptions } from './step-lr.js';
import { freshParams, runSchedulerCase, schedulerCases } from './test-helpers.js';

beforeAll(() => useDevice('cpu', autodiff(cpuBackend())));

describe('StepLR matches torch.optim.lr_scheduler.StepLR', () => {
  it.each(schedulerCases('StepLR'))('%s', (_, c) =>
    runSchedulerCase(c, (o, args) => new StepLR(o, args as unknown as StepLROptions)),
  );
});

describe('LRScheduler, through StepLR', () => {
  it('records initial_lr in each group, and takes the first step on construction', () => {
    const optimizer = new SGD(freshParams(), { lr: 0.1 });
    const scheduler = new StepLR(optimizer, { stepSize: 2 });
    expect(optimizer.paramGroups[0]?.initialLr).toBe(0.1);
    expect(scheduler.baseLrs).toEqual([0.1]);
    expect(scheduler.lastEpoch).toBe(0);
    expect(scheduler.getLastLr()).toEqual([0.1]);
  });

  it('saves and restores its state with PyTorch names', () => {
    const optimizer = new SGD(freshParams(), { lr: 0.1 });
    const scheduler = new StepLR(optimizer, { stepSize: 2, gamma: 0.5 });
    scheduler.step();
    scheduler.step();
    expect(scheduler.stateDict()).toEqual({
      step_size: 2,
      gamma: 0.5,
      base_lrs: [0.1],
      last_epoch: 2,
      verbose: false,
      _step_count: 3,
      _get_lr_called_within_step: false,
      _last_lr: [0.05],
    });
    const resumed = new StepLR(optimizer, { stepSize: 9, lastEpoch: 0 });
    resumed.loadStateDict(scheduler.stateDict());
    optimizer.paramGroups[0]!.lr = 0.05;
    resumed.step();
    resumed.step();
    expect(resumed.getLastLr()).toEqual([0.025]);
    expect(resumed.lastEpoch).toBe(4);
  });

  it('needs initial_lr to resume, and an optimizer', () => {
    const optimizer = new SGD(freshParams(), { lr: 0.1 });
    expect(() => new StepLR(optimizer, { stepSize: 2, lastEpoch: 5 })).toThrow(
      "param 'initial_lr' is not specified in param_groups[0] when resuming an optimizer",
    );
    expect(() => new StepLR({} as never, { stepSize: 2 })).toThrow('Object is not an Optimizer');
  });
});
