import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { Callable, tensor, useDevice } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import * as losses from './index.js';
import { Loss, MSELoss } from './index.js';

beforeAll(() => {
  useDevice('cpu', autodiff(cpuBackend()));
});

describe('Loss', () => {
  it('every loss class is a callable Loss that prints as PyTorch prints it', () => {
    const classes = [
      losses.MSELoss,
      losses.L1Loss,
      losses.SmoothL1Loss,
      losses.HuberLoss,
      losses.BCELoss,
      losses.BCEWithLogitsLoss,
      losses.CrossEntropyLoss,
      losses.NLLLoss,
      losses.KLDivLoss,
    ];
    for (const LossClass of classes) {
      const criterion = new LossClass();
      expect(criterion).toBeInstanceOf(Loss);
      expect(criterion).toBeInstanceOf(Callable);
      expect(typeof criterion).toBe('function');
      expect(String(criterion)).toBe(`${LossClass.name}()`);
      expect(criterion.reduction).toBe('mean');
    }
  });

  it('a subclass prints its own name, as PyTorch prints type(self).__name__', () => {
    class HalfMSELoss extends MSELoss {
      override forward(input: Parameters<MSELoss['forward']>[0], target: typeof input) {
        return super.forward(input, target).div(2);
      }
    }
    const criterion = new HalfMSELoss();
    expect(String(criterion)).toBe('HalfMSELoss()');
    const x = tensor([1, 3], { dtype: 'float32' });
    expect(criterion(x, tensor([0, 0], { dtype: 'float32' })).item()).toBe(2.5);
  });
});

describe('console.log of a loss', () => {
  it('prints what print(criterion) prints in PyTorch', async () => {
    const { inspect } = await import('node:util');
    expect(inspect(new losses.CrossEntropyLoss())).toBe('CrossEntropyLoss()');
    expect(inspect(new losses.BCEWithLogitsLoss())).toBe('BCEWithLogitsLoss()');
  });
});
