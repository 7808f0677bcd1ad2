import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { useDevice } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { MultiStepLR, type MultiStepLROptions } from './multi-step-lr.js';
import { SGD } from './sgd.js';
import { freshParams, runSchedulerCase, schedulerCases } from './test-helpers.js';

beforeAll(() => useDevice('cpu', autodiff(cpuBackend())));

describe('MultiStepLR matches torch.optim.lr_scheduler.MultiStepLR', () => {
  it.each(schedulerCases('MultiStepLR'))('%s', (_, c) =>
    runSchedulerCase(c, (o, args) => new MultiStepLR(o, args as unknown as MultiStepLROptions)),
  );

  it("saves the milestones as PyTorch's Counter, and loads them back", () => {
    const optimizer = new SGD(freshParams(), { lr: 1 });
    const scheduler = new MultiStepLR(optimizer, { milestones: [3, 1, 3] });
    const saved = scheduler.stateDict();
    expect(saved.milestones).toEqual({ 1: 1, 3: 2 });
    const other = new MultiStepLR(optimizer, { milestones: [] });
    other.loadStateDict(saved);
    expect(other.milestones).toEqual(
      new Map([
        [1, 1],
        [3, 2],
      ]),
    );
  });
});
