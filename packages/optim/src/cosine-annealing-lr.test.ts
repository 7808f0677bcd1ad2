import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { useDevice } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { CosineAnnealingLR, type CosineAnnealingLROptions } from './cosine-annealing-lr.js';
import { SGD } from './sgd.js';
import { freshParams, runSchedulerCase, schedulerCases } from './test-helpers.js';

beforeAll(() => useDevice('cpu', autodiff(cpuBackend())));

describe('CosineAnnealingLR matches torch.optim.lr_scheduler.CosineAnnealingLR', () => {
  it.each(schedulerCases('CosineAnnealingLR'))('%s', (_, c) =>
    runSchedulerCase(
      c,
      (o, args) => new CosineAnnealingLR(o, args as unknown as CosineAnnealingLROptions),
    ),
  );

  it('resumes with the closed form, from initial_lr', () => {
    const optimizer = new SGD(freshParams(), { lr: 0.1 });
    optimizer.paramGroups[0]!.initialLr = 0.1;
    const scheduler = new CosineAnnealingLR(optimizer, { tMax: 10, lastEpoch: 4 });
    // torch 1.13: CosineAnnealingLR(opt, T_max=10, last_epoch=4) -> last_epoch 5, [0.05]
    expect(scheduler.lastEpoch).toBe(5);
    expect(scheduler.getLastLr()).toEqual([0.05]);
    expect(scheduler.stateDict()).toMatchObject({ T_max: 10, eta_min: 0 });
  });
});
