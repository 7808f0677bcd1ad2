// Default initialisation and nn.init, bit for bit: __fixtures__/init.safetensors holds what
// torch 1.13 gives after torch.manual_seed(...) (tools/fixtures/layers.py, "default
// initialisation"). Every float32 must be identical.
import { readFileSync } from 'node:fs';
import { empty, manualSeed, type Tensor, tensor } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { CNN } from './course-models.test.util.js';
import { expectClose, useCpu } from './helpers.test.util.js';
import * as init from './init-namespace.js';
import { BatchNorm2d } from './layers/batch-norm2d.js';
import { Conv2d } from './layers/conv2d.js';
import { Embedding } from './layers/embedding.js';
import { Linear } from './layers/linear.js';
import { loadSafetensors } from './safetensors.js';

let torchInit: Record<string, Tensor>;

beforeAll(() => {
  useCpu();
  torchInit = loadSafetensors(
    new Uint8Array(readFileSync(new URL('./__fixtures__/init.safetensors', import.meta.url))),
  );
});

const same = (got: Tensor, key: string): void => {
  const want = torchInit[key];
  expect(want, key).toBeDefined();
  expectClose(got, want!, key, { exact: true });
};

describe('default initialisation after manualSeed(123), as torch.manual_seed(123)', () => {
  it('Linear(784, 128): kaiming-uniform weight, then the bias', () => {
    manualSeed(123);
    const l = new Linear(784, 128);
    same(l.weight, 'linear784.weight');
    same(l.bias!, 'linear784.bias');
  });

  it('Linear(3, 2)', () => {
    manualSeed(123);
    const l = new Linear(3, 2);
    same(l.weight, 'linear3.weight');
    same(l.bias!, 'linear3.bias');
  });

  it('Conv2d(3, 32, 3) and a grouped Conv2d(4, 6, (2, 3), groups=2)', () => {
    manualSeed(123);
    const conv = new Conv2d(3, 32, 3);
    same(conv.weight, 'conv.weight');
    same(conv.bias!, 'conv.bias');
    manualSeed(123);
    const grouped = new Conv2d(4, 6, [2, 3], { groups: 2 });
    same(grouped.weight, 'conv_groups.weight');
    same(grouped.bias!, 'conv_groups.bias');
  });

  it('BatchNorm2d(32): ones, zeros and fresh running statistics', () => {
    manualSeed(123);
    const sd = new BatchNorm2d(32).stateDict();
    for (const key of Object.keys(sd)) same(sd[key]!, `bn.${key}`);
  });

  it('Embedding: N(0, 1) with the padding row zeroed, and a larger table', () => {
    manualSeed(123);
    same(new Embedding(10, 3, { paddingIdx: 0 }).weight, 'embedding.weight');
    manualSeed(123);
    same(new Embedding(100, 16).weight, 'embedding_large.weight');
  });

  it("the chapter 9 CNN draws its layers in PyTorch's order", () => {
    manualSeed(123);
    const net = new CNN(10, 128);
    same(net.conv1.weight, 'cnn.conv1.weight');
    same(net.l2.weight, 'cnn.l2.weight');
    same(net.l2.bias!, 'cnn.l2.bias');
  });
});

describe('nn.init', () => {
  it("gives torch's numbers for each initialiser, drawn one after the other", () => {
    manualSeed(7);
    same(init.xavierUniform_(empty(16, 8)), 'xavier_uniform');
    same(init.xavierNormal_(empty(16, 8), 2.0), 'xavier_normal');
    same(
      init.kaimingUniform_(empty(16, 8, 3, 3), { mode: 'fan_out', nonlinearity: 'relu' }),
      'kaiming_uniform',
    );
    same(init.kaimingNormal_(empty(32, 16)), 'kaiming_normal');
    same(init.normal_(empty(5, 3), 1.0, 2.0), 'normal');
    same(init.uniform_(empty(20), -2.0, 3.0), 'uniform');
    same(init.kaimingUniform_(empty(4, 5), { a: 0.1 }), 'kaiming_uniform_a');
  });

  it('constant_ writes a row of a parameter in place (ch05: nn.init.constant_(l3.weight[0,:], 1.0))', () => {
    const l3 = new Linear(2, 3);
    init.constant_(l3.weight.index(0, ':'), 1.0);
    init.constant_(l3.weight.index(1, ':'), 2.0);
    init.constant_(l3.weight.index(2, ':'), 3.0);
    init.constant_(l3.bias!, 2.0);
    const x = tensor(
      [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ],
      { dtype: 'float32' },
    );
    expect(l3(x).tolist()).toEqual([
      [2, 2, 2],
      [3, 4, 5],
      [3, 4, 5],
      [4, 6, 8],
    ]);
    expect(l3.weight.requiresGrad).toBe(true);
    expect(l3.weight.isLeaf).toBe(true);
  });

  it('constant_, ones_ and zeros_ fill parameters that require grad (ch05 one step)', () => {
    const l1 = new Linear(1, 1);
    init.constant_(l1.weight, 2.0);
    init.constant_(l1.bias!, 1.0);
    const x = tensor([-2, -1, 0, 1, 2], { dtype: 'float32' }).view(-1, 1);
    expect(l1(x).tolist()).toEqual([[-3], [-1], [1], [3], [5]]);
    init.zeros_(l1.weight);
    init.ones_(l1.bias!);
    expect(l1(x).tolist()).toEqual([[1], [1], [1], [1], [1]]);
  });

  it('leaves a tensor without elements as it is, as PyTorch does', () => {
    const t = empty(0, 3);
    expect(init.kaimingUniform_(t)).toBe(t);
  });
});
