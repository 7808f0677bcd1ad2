/**
 * Test-only: the backends the gradient fixtures run on. The CPU backend, and the GPU backend in
 * the two gpu.js modes that run without a GPU (webasm, cpu), each under autodiff: the same torch
 * fixtures, the same tolerances.
 */
import type { AnyBackend } from '@nabla/backend';
import { cpuBackend } from '@nabla/backend-cpu';
import { createGpuBackend } from '@nabla/backend-gpu';
import * as torch from '@nabla/tensor';
import { afterAll, beforeAll } from 'vitest';
import { autodiff } from './index.js';

export const GRAD_BACKENDS: [string, () => AnyBackend][] = [
  ['cpu', () => cpuBackend()],
  ['gpu.js webasm', () => createGpuBackend({ mode: 'webasm' })],
  ['gpu.js cpu', () => createGpuBackend({ mode: 'cpu' })],
];

/** In the enclosing describe block, new tensors go to `make()` under autodiff. */
export function useGradBackend(make: () => AnyBackend): void {
  beforeAll(() => {
    torch.useDevice('grad-test', autodiff(make()));
    torch.setDefaultDevice('grad-test');
  });
  afterAll(() => torch.setDefaultDevice('cpu'));
}
