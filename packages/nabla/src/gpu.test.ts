import { describe, expect, it } from 'vitest';
import { nn, torch, useGpu } from './index.js';

describe('the gpu device', () => {
  it('is set up by useGpu, says which gpu.js mode it chose, and trains a layer there', () => {
    const choice = useGpu({ mode: 'cpu' });
    expect(choice.mode).toBe('cpu');
    expect(torch.isGpuReady()).toBe(true);
    torch.manualSeed(0);
    const layer = new nn.Linear(4, 2);
    const cpuLoss = layer(torch.ones(3, 4)).pow(2).sum();
    layer.to('gpu');
    expect(layer.weight.device).toBe('gpu');
    const loss = layer(torch.ones(3, 4).to('gpu')).pow(2).sum();
    expect(loss.device).toBe('gpu');
    expect(Math.abs(loss.item() - cpuLoss.item())).toBeLessThan(1e-5 * Math.abs(cpuLoss.item()));
    loss.backward();
    expect(layer.weight.grad?.device).toBe('gpu');
    expect(layer.weight.grad?.shape).toEqual([2, 4]);
  });
});
