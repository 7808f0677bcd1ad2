import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { useDevice } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { LambdaLR } from './lambda-lr.js';
import { SGD } from './sgd.js';
import { freshParams, LAMBDAS, runSchedulerCase, schedulerCases } from './test-helpers.js';

beforeAll(() => useDevice('cpu', autodiff(cpuBackend())));

describe('LambdaLR matches torch.optim.lr_scheduler.LambdaLR', () => {
  it.each(schedulerCases('LambdaLR'))('%s', (_, c) =>
    runSchedulerCase(c, (o) => {
      const names = c.lambdas as string | string[];
      const lrLambda = Array.isArray(names) ? names.map((n) => LAMBDAS[n]!) : LAMBDAS[names]!;
      return new LambdaLR(o, { lrLambda });
    }),
  );

  it('wants one function per group when given a list', () => {
    const [W, b] = freshParams();
    const optimizer = new SGD([{ params: [W] }, { params: [b] }], { lr: 0.1 });
    expect(() => new LambdaLR(optimizer, { lrLambda: [(e) => e] })).toThrow(
      'Expected 2 lr_lambdas, but got 1',
    );
    const scheduler = new LambdaLR(optimizer, { lrLambda: (e) => 1 / (e + 1) });
    expect(scheduler.stateDict().lr_lambdas).toEqual([null, null]);
  });
});
