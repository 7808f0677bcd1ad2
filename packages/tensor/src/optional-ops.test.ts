/**
 * A backend without the optional fused ops still runs everything: the tensor layer composes
 * softmax and logSoftmax from primitives, and gets the fused kernels' values.
 */
import { withoutOps } from '@nabla/backend/testing';
import { cpuBackend } from '@nabla/backend-cpu';
import { describe, expect, it } from 'vitest';
import * as torch from './index.js';

const x = [
  [1, 2, 3, -1],
  [0.5, -20, 7, 7],
  [100, 0, -100, 3],
];

function close(a: number[], b: number[]): void {
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => {
    expect(Math.abs(v - (b[i] as number))).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(v)));
  });
}

describe('softmax and logSoftmax without fused kernels', () => {
  it('compose to the fused results along each dim', () => {
    const primitives = withoutOps(cpuBackend(), ['softmax', 'logSoftmax']);
    torch.useDevice('cpu', cpuBackend());
    torch.useDevice('bare', primitives);
    const fused = torch.tensor(x).float();
    const bare = fused.to('bare');
    for (const dim of [0, 1, -1]) {
      close([...bare.softmax(dim).dataSync()], [...fused.softmax(dim).dataSync()]);
      close([...bare.logSoftmax(dim).dataSync()], [...fused.logSoftmax(dim).dataSync()]);
    }
  });
});
