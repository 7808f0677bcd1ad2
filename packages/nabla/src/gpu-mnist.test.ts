import { describe, expect, it } from 'vitest';
import { nn, optim, type Tensor, torch, useGpu } from './index.js';
import { mnistBatches, Net } from './mnist-course.test.util.js';

// The course's MNIST MLP (8.11: 784-128-10, ReLU, CrossEntropyLoss, SGD lr 0.01, batch 100)
// trained 20 steps on the CPU device and on the GPU device (gpu.js 'webasm' in Node), from the
// same initial weights and batches: the losses agree step by step.

const STEPS = 20;

const batches = (): [Tensor, Tensor][] => mnistBatches(STEPS);

/** Trains a fresh Net (torch.manualSeed(123)) on `device`; the loss of each step. */
function train(device: string, data: [Tensor, Tensor][]): number[] {
  torch.manualSeed(123);
  const net = new Net(784, 10, 128).to(device);
  const criterion = new nn.CrossEntropyLoss();
  const optimizer = new optim.SGD(net.parameters(), { lr: 0.01 });
  return data.map(([x, y]) =>
    torch.tidy(() => {
      optimizer.zeroGrad();
      const loss = criterion(net(x.to(device)), y.to(device));
      loss.backward();
      optimizer.step();
      return loss.item();
    }),
  );
}

describe('the MNIST MLP on the gpu device', () => {
  it('matches the cpu device within 1e-4 over 20 steps, and leaves only params and grads', () => {
    useGpu({ mode: 'webasm' });
    const data = batches();
    expect(data).toHaveLength(STEPS);
    expect(data[0]?.[0].shape).toEqual([100, 784]);
    const gpuBefore = torch.memory().gpu;
    const onCpu = train('cpu', data);
    const onGpu = train('gpu', data);
    for (let i = 0; i < STEPS; i++) {
      expect(Math.abs((onGpu[i] as number) - (onCpu[i] as number))).toBeLessThanOrEqual(1e-4);
    }
    expect(onCpu[STEPS - 1]).toBeLessThan(onCpu[0] as number); // it learned
    // what is left on the gpu: the 4 parameters and their 4 grads
    const params = 784 * 128 + 128 + 128 * 10 + 10;
    const after = torch.memory().gpu;
    if (!gpuBefore?.counted || !after?.counted) throw new Error('the gpu device counts');
    expect(after.buffers - gpuBefore.buffers).toBe(8);
    expect(after.bytes - gpuBefore.bytes).toBe(2 * 4 * params);
  }, 60_000); // about 2.5 s alone; CI runs every package's tests at once on two cores
});
