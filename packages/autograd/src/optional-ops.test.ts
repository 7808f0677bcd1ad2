/**
 * Over a backend without the fused softmax kernels, autodiff offers none either: the tensor
 * layer's composite runs, and its gradient (through the primitives) equals the fused one's.
 */
import { withoutOps } from '@nabla/backend/testing';
import { cpuBackend } from '@nabla/backend-cpu';
import * as torch from '@nabla/tensor';
import { describe, expect, it } from 'vitest';
import { autodiff } from './index.js';

describe('fused ops are optional under autodiff', () => {
  it('offers softmax only when the inner backend has it', () => {
    const primitives = withoutOps(cpuBackend(), ['softmax', 'logSoftmax']);
    expect(autodiff(primitives).softmax).toBeUndefined();
    expect(autodiff(primitives).logSoftmax).toBeUndefined();
    expect(autodiff(cpuBackend()).softmax).toBeTypeOf('function');
  });

  it('gives the fused gradients through the composite', () => {
    const primitives = withoutOps(cpuBackend(), ['softmax', 'logSoftmax']);
    torch.useDevice('cpu', autodiff(cpuBackend()));
    torch.useDevice('bare', autodiff(primitives));
    const values = [
      [1, 2, 3, -1],
      [0.5, -20, 7, 7],
    ];
    const weights = torch
      .tensor([
        [1, -2, 3, 0.5],
        [2, 1, -1, 4],
      ])
      .float();
    const grads = (device: string, op: 'softmax' | 'logSoftmax'): number[] => {
      const x = torch.tensor(values, { requiresGrad: true, device });
      x[op](1).mul(weights.to(device)).sum().backward();
      return [...(x.grad as torch.Tensor).dataSync()];
    };
    for (const op of ['softmax', 'logSoftmax'] as const) {
      const fused = grads('cpu', op);
      grads('bare', op).forEach((v, i) => {
        expect(Math.abs(v - (fused[i] as number))).toBeLessThanOrEqual(
          1e-6 * Math.max(1, Math.abs(v)),
        );
      });
    }
  });

  it("gives ReLU's gradient with and without a fused thresholdBackward (NaN passes it on)", () => {
    const primitives = withoutOps(cpuBackend(), ['thresholdBackward']);
    torch.useDevice('cpu', autodiff(cpuBackend()));
    torch.useDevice('bare', autodiff(primitives));
    const grads = (device: string): number[] => {
      const x = torch.tensor([Number.NaN, -1, 0, -0, 2, 3], { requiresGrad: true, device });
      x.relu().backward(torch.tensor([1, 2, 3, 4, 5, 6], { device }));
      return [...(x.grad as torch.Tensor).dataSync()];
    };
    // torch 1.13: tensor([1., 0., 0., 0., 5., 6.])
    expect(grads('cpu')).toEqual([1, 0, 0, 0, 5, 6]);
    expect(grads('bare')).toEqual([1, 0, 0, 0, 5, 6]);
  });
});
