import { cpuBackend } from '@nabla/backend-cpu';
import { beforeEach, describe, expect, it } from 'vitest';
import type { BatchNormOptions, Tensor } from '../index.js';
import * as torch from '../index.js';
import { CPU_PATHS, caseIds, checkForward, type NnOpTable } from './fixtures.test.util.js';

/** batchNorm against torch 1.13: the output, then the running statistics after the call. */
const ops: NnOpTable = {
  batchNorm: (
    x: Tensor,
    rm: Tensor | null,
    rv: Tensor | null,
    w: Tensor | null,
    b: Tensor | null,
    o: BatchNormOptions,
  ) => [torch.batchNorm(x, rm, rv, w, b, o), ...[rm, rv].filter((s): s is Tensor => s !== null)],
};

describe.each(CPU_PATHS)('batchNorm matches torch 1.13 (%s)', (_, backend) => {
  beforeEach(() => torch.useDevice('cpu', backend()));
  it.each(caseIds('batchNorm'))('%s', (id) => checkForward(id, ops));
});

// every test starts on the fused kernels; the blocks above switch to their own path
beforeEach(() => torch.useDevice('cpu', cpuBackend()));

const round4 = (t: Tensor): number[] =>
  (t.flatten().tolist() as number[]).map((v) => Math.round(v * 1e4) / 1e4);

describe.each(CPU_PATHS)('batchNorm (%s)', (_, backend) => {
  beforeEach(() => torch.useDevice('cpu', backend()));

  it("reproduces the book's chapter 10 BatchNorm1d column", () => {
    torch.manualSeed(123);
    const inputs = torch.randn(1, 1, 10);
    const [rm, rv] = [torch.zeros(1), torch.ones(1)];
    const [w, b] = [torch.ones(1), torch.zeros(1)];
    const train = torch.batchNorm(inputs, rm, rv, w, b, { training: true });
    expect(round4(train)).toEqual([
      0.4081, 0.8844, -0.1224, 0.1431, -1.8222, 1.0671, -1.3608, -0.9143, 1.3027, 0.4142,
    ]);
    expect(round4(rm)).toEqual([-0.031]);
    expect(round4(rv)).toEqual([0.9263]);
    const evaluated = torch.batchNorm(inputs, rm, rv, w, b, { training: false });
    expect(round4(evaluated).slice(0, 2)).toEqual([-0.0836, 0.1573]);
    // a second train / eval pass
    torch.batchNorm(inputs, rm, rv, w, b, { training: true });
    expect(round4(rm)).toEqual([-0.0589]);
    expect(round4(rv)).toEqual([0.86]);
    expect(round4(torch.batchNorm(inputs, rm, rv, w, b))).toEqual([
      -0.0567, 0.1933, -0.3351, -0.1957, -1.2271, 0.2892, -0.985, -0.7507, 0.4128, -0.0535,
    ]);
  });

  it('leaves the running statistics alone in evaluation', () => {
    const [rm, rv] = [torch.full([2], 0.5), torch.full([2], 2, { dtype: 'float32' })];
    torch.batchNorm(torch.randn(3, 2), rm, rv);
    expect(rm.tolist()).toEqual([0.5, 0.5]);
    expect(rv.tolist()).toEqual([2, 2]);
  });
});
