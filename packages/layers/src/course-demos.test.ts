// The chapter 10 demos of BatchNorm1d and Dropout (BOOK.md ch10), as the notebook runs them,
// against torch's values (tools/fixtures/layers.py, "demos") and the book's printed digits.
import { manualSeed, randn } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectClose,
  likeDebianTorch,
  readFixture,
  type TensorJson,
  useCpu,
} from './helpers.test.util.js';
import { BatchNorm1d } from './layers/batch-norm1d.js';
import { Dropout } from './layers/dropout.js';

interface Phase {
  output: TensorJson;
  runningMean: TensorJson;
  runningVar: TensorJson;
}

interface Demos {
  batchNorm: { inputs: TensorJson } & Record<'train1' | 'eval1' | 'train2' | 'eval2', Phase>;
  dropout: { inputs: TensorJson; train: TensorJson; eval: TensorJson };
}

const { demos } = readFixture<{ demos: Demos }>('layers');
const round4 = (values: Float32Array | Int32Array | Uint8Array): number[] =>
  Array.from(values, (v) => Math.round(v * 1e4) / 1e4);

beforeAll(useCpu);

describe('chapter 10: BatchNorm1d(1) on randn(1, 1, 10) after manualSeed(123)', () => {
  it("trains on the batch's statistics and moves the running ones by momentum 0.1", () => {
    manualSeed(123);
    const inputs = randn(1, 1, 10);
    expectClose(inputs, demos.batchNorm.inputs, 'inputs', { exact: true });
    const bn = new BatchNorm1d(1);
    expect(bn.runningMean?.tolist()).toEqual([0]);
    expect(bn.runningVar?.tolist()).toEqual([1]);
    expect(bn.weight?.tolist()).toEqual([1]);
    expect(bn.bias?.tolist()).toEqual([0]);
    expect(bn.momentum).toBe(0.1);
    for (const phase of ['train1', 'eval1', 'train2', 'eval2'] as const) {
      bn.train(phase.startsWith('train'));
      const out = bn(inputs);
      const want = demos.batchNorm[phase];
      expectClose(out, want.output, `${phase}: output`);
      expectClose(bn.runningMean!, want.runningMean, `${phase}: running_mean`);
      expectClose(bn.runningVar!, want.runningVar, `${phase}: running_var`);
      if (phase === 'train1') {
        // the book's printout
        expect(round4(out.dataSync())).toEqual([
          0.4081, 0.8844, -0.1224, 0.1431, -1.8222, 1.0671, -1.3608, -0.9143, 1.3027, 0.4142,
        ]);
        expect(round4(bn.runningMean!.dataSync())).toEqual([-0.031]);
        expect(round4(bn.runningVar!.dataSync())).toEqual([0.9263]);
      }
      if (phase === 'eval2') {
        expect(round4(out.dataSync())).toEqual([
          -0.0567, 0.1933, -0.3351, -0.1957, -1.2271, 0.2892, -0.985, -0.7507, 0.4128, -0.0535,
        ]);
        expect(round4(bn.runningMean!.dataSync())).toEqual([-0.0589]);
        expect(round4(bn.runningVar!.dataSync())).toEqual([0.86]);
      }
    }
    expect(bn.numBatchesTracked?.item()).toBe(2);
  });
});

describe('chapter 10: Dropout(0.5) on randn(1, 10) after manualSeed(123)', () => {
  it("zeroes about half and doubles the rest, with the book's mask (MKL builds)", () => {
    manualSeed(123);
    const inputs = randn(1, 10);
    const dropout = new Dropout(0.5);
    dropout.train();
    expect(dropout.training).toBe(true);
    // the book's printout [D], from a pip wheel with MKL: Nabla's default bernoulli_
    expect(round4(dropout(inputs).dataSync())).toEqual([
      -0, 0.2407, -0, -0.4808, -0, 0, -1.9447, -0, 0.6478, -0.217,
    ]);
    dropout.eval();
    expect(dropout.training).toBe(false);
    expectClose(dropout(inputs), demos.dropout.eval, 'eval', { exact: true });
  });

  it("gives Debian's torch's mask with its bernoulli_ (no MKL)", () => {
    manualSeed(123);
    const inputs = randn(1, 10);
    expectClose(inputs, demos.dropout.inputs, 'inputs', { exact: true });
    const out = likeDebianTorch(() => new Dropout(0.5)(inputs));
    expectClose(out, demos.dropout.train, 'train');
  });
});
