import { cpuBackend } from '@nabla/backend-cpu';
import * as torch from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { autodiff } from './index.js';

// Two devices, each an autodiff backend of its own (the second stands in for 'gpu').
beforeAll(() => {
  torch.useDevice('cpu', autodiff(cpuBackend()));
  torch.useDevice('other', autodiff(cpuBackend()));
});

describe('gradients across devices (tensor.to)', () => {
  it('flow back through .to() to the source device', () => {
    const x = torch.tensor([1, 2, 3], { requiresGrad: true });
    const xo = x.to('other');
    expect(xo.device).toBe('other');
    expect(xo.gradFn?.name).toBe('ToCopyBackward0');
    const y = xo.mul(xo).sum();
    y.backward();
    expect(x.grad?.device).toBe('cpu');
    expect(x.grad?.tolist()).toEqual([2, 4, 6]);
  });

  it('flow through a round trip and accumulate with gradients made on the source device', () => {
    const x = torch.tensor([1, 2, 3], { requiresGrad: true });
    const z = x.to('other').mul(3).to('cpu').add(x.mul(x)).sum();
    z.backward();
    expect(x.grad?.tolist()).toEqual([5, 7, 9]);
  });

  it('copy a strided view and send its gradient to the viewed positions only', () => {
    const x = torch.arange(6).float().requiresGrad_();
    x.view(2, 3).t().index(0).to('other').mul(10).sum().backward();
    expect(x.grad?.tolist()).toEqual([10, 0, 0, 10, 0, 0]);
  });

  it('refuse to mix devices in one op, as PyTorch does', () => {
    const x = torch.tensor([1, 2]).float();
    expect(() => x.add(x.to('other'))).toThrow(
      'add: expected all tensors to be on the same device, but found at least two devices, cpu and other',
    );
  });

  it('do not record the copy without grad, or under noGrad', () => {
    const x = torch.tensor([1, 2], { requiresGrad: true });
    expect(torch.noGrad(() => x.to('other')).gradFn).toBeNull();
    expect(torch.tensor([1, 2]).float().to('other').requiresGrad).toBe(false);
  });
});
