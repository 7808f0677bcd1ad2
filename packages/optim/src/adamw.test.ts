import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { tensor, useDevice } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdamW } from './adamw.js';
import { optimizerCases, runOptimizerCase } from './test-helpers.js';

beforeAll(() => useDevice('cpu', autodiff(cpuBackend())));

describe('AdamW matches torch.optim.AdamW (tools/fixtures/optim.py)', () => {
  it.each(optimizerCases('AdamW'))('%s', (_, c) => runOptimizerCase(c));
});

describe('AdamW', () => {
  it('defaults weight decay to 1e-2, and takes 0 when given', () => {
    const w = tensor([1], { requiresGrad: true });
    expect(new AdamW([w]).defaults.weightDecay).toBe(0.01);
    expect(new AdamW([w], { weightDecay: 0 }).defaults.weightDecay).toBe(0);
    expect(() => new AdamW([w], { weightDecay: -1 })).toThrow('Invalid weight_decay value: -1');
  });
});
