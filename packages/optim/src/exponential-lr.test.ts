import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { useDevice } from '@nabla/tensor';
import { beforeAll, describe, it } from 'vitest';
import { ExponentialLR, type ExponentialLROptions } from './exponential-lr.js';
import { runSchedulerCase, schedulerCases } from './test-helpers.js';

beforeAll(() => useDevice('cpu', autodiff(cpuBackend())));

describe('ExponentialLR matches torch.optim.lr_scheduler.ExponentialLR', () => {
  it.each(schedulerCases('ExponentialLR'))('%s', (_, c) =>
    runSchedulerCase(c, (o, args) => new ExponentialLR(o, args as unknown as ExponentialLROptions)),
  );
});
