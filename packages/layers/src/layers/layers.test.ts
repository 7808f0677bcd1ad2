// Every layer setting of tools/fixtures/layers.py ("layers" in __fixtures__/layers.json): the
// layer is built here as the fixture says, loads the torch layer's state dict, and runs forward
// and backward on torch's input and upstream gradient. Compared with torch (float64 reference
// rounded to float32; rule in expectClose): the output, the input's gradient, each parameter's
// gradient, and the state afterwards (BatchNorm's running statistics and count). The printout
// must equal torch's print(layer).
import { type IntPair, manualSeed } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectClose,
  fromJson,
  likeDebianTorch,
  readFixture,
  type TensorJson,
  useCpu,
} from '../helpers.test.util.js';
import type { AnyModule } from '../module.js';
import { AdaptiveAvgPool2d } from './adaptive-avg-pool2d.js';
import { AvgPool2d } from './avg-pool2d.js';
import { BatchNorm1d } from './batch-norm1d.js';
import { BatchNorm2d } from './batch-norm2d.js';
import { Conv2d } from './conv2d.js';
import { Dropout } from './dropout.js';
import { Embedding } from './embedding.js';
import { Flatten } from './flatten.js';
import { GELU } from './gelu.js';
import { Identity } from './identity.js';
import { LeakyReLU } from './leaky-relu.js';
import { Linear } from './linear.js';
import { LogSoftmax } from './log-softmax.js';
import { MaxPool2d } from './max-pool2d.js';
import { ReLU } from './relu.js';
import { Sigmoid } from './sigmoid.js';
import { Softmax } from './softmax.js';
import { Tanh } from './tanh.js';
import { Unflatten } from './unflatten.js';

interface LayerCase {
  id: string;
  layer: string;
  args: unknown[];
  options: Record<string, never>;
  train: boolean;
  seed?: number;
  input: TensorJson;
  grad: TensorJson;
  state: Record<string, TensorJson>;
  output: TensorJson;
  inputGrad?: TensorJson;
  paramGrads: Record<string, TensorJson>;
  stateAfter: Record<string, TensorJson>;
}

interface Fixture {
  layers: LayerCase[];
  prints: Record<string, string>;
}

const n = (v: unknown): number => v as number;
const pair = (v: unknown): IntPair => v as IntPair;

/** How each layer of the fixture is built, from PyTorch's positional arguments and options. */
const FACTORIES: Record<string, (a: unknown[], o: Record<string, never>) => AnyModule> = {
  Linear: (a, o) => new Linear(n(a[0]), n(a[1]), o),
  Conv2d: (a, o) => new Conv2d(n(a[0]), n(a[1]), pair(a[2]), o),
  MaxPool2d: (a, o) => new MaxPool2d(pair(a[0]), o),
  AvgPool2d: (a, o) => new AvgPool2d(pair(a[0]), o),
  AdaptiveAvgPool2d: (a) => new AdaptiveAvgPool2d(pair(a[0])),
  Flatten: (a) => new Flatten(...(a as number[])),
  Unflatten: (a) => new Unflatten(n(a[0]), a[1] as number[]),
  Dropout: (a, o) => new Dropout(n(a[0]), o),
  BatchNorm1d: (a, o) => new BatchNorm1d(n(a[0]), o),
  BatchNorm2d: (a, o) => new BatchNorm2d(n(a[0]), o),
  ReLU: (_, o) => new ReLU(o),
  LeakyReLU: (_, o) => new LeakyReLU(o),
  Sigmoid: () => new Sigmoid(),
  Tanh: () => new Tanh(),
  Softmax: (_, o) => new Softmax(o),
  LogSoftmax: (_, o) => new LogSoftmax(o),
  GELU: (_, o) => new GELU(o),
  Identity: () => new Identity(),
  Embedding: (a, o) => new Embedding(n(a[0]), n(a[1]), o),
};

const fixture = readFixture<Fixture>('layers');

beforeAll(useCpu);

describe.each(fixture.layers.map((c) => [c.id, c] as const))('%s', (id, c) => {
  const build = (): AnyModule => {
    const make = FACTORIES[c.layer];
    if (make === undefined) throw new Error(`no factory for ${c.layer}`);
    return make(c.args, c.options);
  };

  it('prints as torch prints it', () => {
    expect(build().toString()).toBe(fixture.prints[id]);
  });

  it("matches torch's forward, backward and state", () => {
    const layer = build();
    const state = Object.fromEntries(Object.entries(c.state).map(([k, v]) => [k, fromJson(v)]));
    layer.loadStateDict(state);
    layer.train(c.train);
    const x = fromJson(c.input);
    if (x.dtype === 'float32') x.requiresGrad_(true);
    if (c.seed !== undefined) manualSeed(c.seed);
    // Dropout's mask as Debian's torch (the fixture's) draws it
    const out = likeDebianTorch(() => (layer as unknown as (t: typeof x) => typeof x)(x));
    expectClose(out, c.output, `${id}: output`);
    out.backward(fromJson(c.grad));
    if (c.inputGrad !== undefined) {
      expect(x.grad, `${id}: the input has a gradient`).not.toBeNull();
      expectClose(x.grad!, c.inputGrad, `${id}: input grad`);
    }
    const params = Object.fromEntries(layer.namedParameters());
    expect(Object.keys(params).filter((k) => params[k]?.grad !== null)).toEqual(
      Object.keys(c.paramGrads),
    );
    for (const [name, g] of Object.entries(c.paramGrads)) {
      expectClose(params[name]!.grad!, g, `${id}: ${name}.grad`);
    }
    const after = layer.stateDict();
    expect(Object.keys(after)).toEqual(Object.keys(c.stateAfter));
    for (const [name, t] of Object.entries(c.stateAfter)) {
      expectClose(after[name]!, t, `${id}: ${name} after`);
    }
  });
});

describe('printouts of other settings', () => {
  const cases: [string, () => AnyModule][] = [
    [
      'conv_all',
      () =>
        new Conv2d(3, 3, 3, {
          padding: 'same',
          paddingMode: 'reflect',
          bias: false,
          groups: 3,
          dilation: 2,
        }),
    ],
    ['maxpool_int', () => new MaxPool2d(3, { ceilMode: true })],
    ['bn1d_defaults', () => new BatchNorm1d(32)],
    ['bn2d_none_no_affine', () => new BatchNorm2d(3, { momentum: null, affine: false })],
    ['dropout', () => new Dropout(0.5)],
    ['dropout_inplace', () => new Dropout(0.25, { inplace: true })],
    ['relu_plain', () => new ReLU()],
    ['leaky_inplace', () => new LeakyReLU({ negativeSlope: 0.1, inplace: true })],
    ['adaptive_none', () => new AdaptiveAvgPool2d([null, 7])],
  ];
  it.each(cases)('%s', (id, make) => {
    expect(make().toString()).toBe(fixture.prints[id]);
  });
});
