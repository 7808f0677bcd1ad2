import { nodeWebGpu } from '@nabla/backend-gpu/browser-testing';
import { describe, expect, it } from 'vitest';
import { nn, optim, type Tensor, torch, useGpu } from './index.js';
import { mnistBatches, Net } from './mnist-course.test.util.js';

// The course's MNIST MLP (784-128-10, ReLU, CrossEntropyLoss, SGD lr 0.01, batch 100) trained a
// few steps on the gpu device in gpu.js's webgpu mode, in Node through Dawn (the `webgpu`
// package; Mesa's llvmpipe where there is no GPU, see @nabla/backend-gpu/browser-testing's
// nodeWebGpu), against the cpu device: reads are `await loss.data()`, the only reads WebGPU
// allows; the labels are int32 class indices. Without Mesa (scripts/install-vulkan.sh) skipped locally; in CI it fails.
const found = await nodeWebGpu();
const missing = typeof found === 'string' ? found : null;
if (missing !== null) console.warn(`skipping the webgpu MNIST test: ${missing}`);

const STEPS = 4;

const batches = (): [Tensor, Tensor][] => mnistBatches(STEPS);

/** Trains a fresh Net (torch.manualSeed(123)) on `device`; the loss of each step. */
async function train(device: string, batches: [Tensor, Tensor][]): Promise<number[]> {
  torch.manualSeed(123);
  const net = new Net(784, 10, 128).to(device);
  const criterion = new nn.CrossEntropyLoss();
  const optimizer = new optim.SGD(net.parameters(), { lr: 0.01 });
  const losses: number[] = [];
  for (const [x, y] of batches) {
    const loss = torch.tidy(() => {
      optimizer.zeroGrad();
      // int32 class labels, as the course passes them (their range check needs a synchronous
      // read, which WebGPU has not: skipped there, as CUDA defers it)
      const loss = criterion(net(x.to(device)), y.to(device));
      loss.backward();
      optimizer.step();
      return loss;
    });
    losses.push((await loss.data())[0] as number);
    loss.dispose();
  }
  return losses;
}

describe.skipIf(missing !== null)('the MNIST MLP on the gpu device in webgpu mode', () => {
  it('matches the cpu device within 1e-4 step by step, read with await loss.data()', async () => {
    expect(useGpu({ mode: 'webgpu' }).mode).toBe('webgpu');
    const data = batches();
    expect(data).toHaveLength(STEPS);
    const onCpu = await train('cpu', data);
    const onGpu = await train('gpu', data);
    for (let i = 0; i < STEPS; i++) {
      expect(Math.abs((onGpu[i] as number) - (onCpu[i] as number))).toBeLessThanOrEqual(1e-4);
    }
    expect(onCpu[STEPS - 1]).toBeLessThan(onCpu[0] as number); // it learned
  }, 120_000);

  it('dataSync() and item() throw a clear error there; data() works', async () => {
    useGpu({ mode: 'webgpu' });
    const t = torch.tensor([1.5, 2.5]).to('gpu').mul(2);
    const sync = /cannot read synchronously in webgpu mode.*use await tensor\.data\(\)/;
    expect(() => t.dataSync()).toThrow(sync);
    expect(() => t.sum().item()).toThrow(sync);
    expect(Array.from(await t.data())).toEqual([3, 5]);
  });
});
