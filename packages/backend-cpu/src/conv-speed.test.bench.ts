// The fused conv2d / maxPool2d kernels on ch09's CNN layers (batch 100): Conv2d(3, 32, 3) on
// 3x32x32, Conv2d(32, 32, 3) on 32x30x30, MaxPool2d(2) on 32x28x28; forward and both
// gradients, with each matmul accumulator. Run it with
//   npx vitest bench --run src/conv-speed.test.bench.ts
import type { Conv2dParams, Pool2dParams, View } from '@nabla/backend';
import { contiguousView } from '@nabla/backend';
import { bench, describe } from 'vitest';
import { cpuBackend } from './cpu-backend.js';
import type { CpuBuffer } from './cpu-buffer.js';
import { randomValues, seededRandom } from './wasm/layouts.test.util.js';

const random = seededRandom(3);
const cpu = cpuBackend();
const input = (shape: number[]): View<CpuBuffer> =>
  contiguousView(
    cpu.fromValues(
      randomValues(
        random,
        shape.reduce((a, b) => a * b, 1),
      ),
      'float32',
    ),
    shape,
  );

const layers = [
  { name: 'conv1', x: [100, 3, 32, 32], w: [32, 3, 3, 3], out: 30 },
  { name: 'conv2', x: [100, 32, 30, 30], w: [32, 32, 3, 3], out: 28 },
].map((l) => {
  const p: Conv2dParams = {
    stride: [1, 1],
    padding: [0, 0],
    dilation: [1, 1],
    groups: 1,
    outSize: [l.out, l.out],
  };
  const x = input(l.x);
  const w = input(l.w);
  const b = input([32]);
  const g = input([100, 32, l.out, l.out]);
  return { ...l, p, x, weight: w, bias: b, grad: g };
});

for (const matmulAccumulator of ['float64', 'float32'] as const) {
  const be = cpuBackend({ matmulAccumulator });
  for (const l of layers) {
    describe(`${l.name} ${matmulAccumulator}`, () => {
      bench('forward', () => {
        be.conv2d?.(l.x, l.weight, l.bias, l.p);
      });
      bench('input gradient', () => {
        be.conv2dBackwardInput?.(l.grad, l.weight, l.x.shape, l.p);
      });
      bench('weight gradient', () => {
        be.conv2dBackwardWeight?.(l.grad, l.x, l.weight.shape, l.p);
      });
    });
  }
}

describe('maxPool2d 2x2 over [100, 32, 28, 28]', () => {
  const x = input([100, 32, 28, 28]);
  const p: Pool2dParams = {
    kernel: [2, 2],
    stride: [2, 2],
    padding: [0, 0],
    dilation: [1, 1],
    outSize: [14, 14],
  };
  const [, indices] = cpu.maxPool2d?.(x, p) ?? [];
  const iv = contiguousView(indices as CpuBuffer, [100, 32, 14, 14]);
  const g = input([100, 32, 14, 14]);
  bench('forward', () => {
    cpu.maxPool2d?.(x, p);
  });
  bench('backward', () => {
    cpu.maxPool2dBackward?.(g, iv, x.shape, p);
  });
});
