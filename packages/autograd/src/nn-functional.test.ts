/**
 * Gradients of the functional ops (`@nabla/tensor`'s nn: conv2d, pooling, batchNorm, ...) against
 * PyTorch 1.13. The cases are those of the forward tests, from
 * `packages/tensor/src/nn/__fixtures__/nn-functional.json` (written by
 * `tools/fixtures/nn_functional.py`; see its header for the format): each case makes its inputs
 * (float inputs require grad unless marked otherwise), runs the op through autodiff over the CPU
 * backend, back-propagates the stored upstream gradient of each output and compares the outputs
 * and every input's `.grad` with torch's.
 *
 * Comparison rule, as in the forward tests (packages/tensor/src/nn/fixtures.test.util.ts): torch's
 * reference is computed in float64 and rounded to float32; values `a` (ours) and `b` (torch's)
 * must satisfy `|a - b| <= 1e-5 * max(|a|, |b|, floor)` with `floor` 1e-2 of the largest magnitude
 * of the expected tensor (an absolute allowance of about one float32 ulp of that magnitude, which
 * matters only near 0, where float32 sums of larger terms carry their rounding); int32 values must
 * be equal; an input torch leaves without gradient must have none.
 */
import { readFileSync } from 'node:fs';
import type { DType } from '@nabla/backend';
import { FUSED_NN_OPS, fixtureHashValues, fixtureNumber, withoutOps } from '@nabla/backend/testing';
import { cpuBackend } from '@nabla/backend-cpu';
import type {
  AdaptiveSize,
  AvgPool2dOptions,
  BatchNormOptions,
  Conv2dOptions,
  EmbeddingOptions,
  GeluOptions,
  IntPair,
  MaxPool2dOptions,
} from '@nabla/tensor';
import * as torch from '@nabla/tensor';
import { Tensor } from '@nabla/tensor';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GRAD_BACKENDS, useGradBackend } from './grad-backends.test.util.js';
import { autodiff } from './index.js';

/** How each op of the fixture is called in Nabla (as in the forward tests' tables). */
const ops: Record<string, (...args: never[]) => Tensor | Tensor[]> = {
  linear: (x: Tensor, w: Tensor, b?: Tensor | null) => torch.linear(x, w, b),
  conv2d: (x: Tensor, w: Tensor, b?: Tensor | null, o?: Conv2dOptions) => torch.conv2d(x, w, b, o),
  cnnFeatures: (x: Tensor, w1: Tensor, b1: Tensor, w2: Tensor, b2: Tensor) =>
    torch.maxPool2d(torch.conv2d(torch.conv2d(x, w1, b1).relu(), w2, b2).relu(), 2),
  maxPool2d: (x: Tensor, k: IntPair, o?: MaxPool2dOptions) => torch.maxPool2d(x, k, o),
  avgPool2d: (x: Tensor, k: IntPair, o?: AvgPool2dOptions) => torch.avgPool2d(x, k, o),
  adaptiveAvgPool2d: (x: Tensor, size: AdaptiveSize) => torch.adaptiveAvgPool2d(x, size),
  batchNorm: (
    x: Tensor,
    rm: Tensor | null,
    rv: Tensor | null,
    w: Tensor | null,
    b: Tensor | null,
    o: BatchNormOptions,
  ) => [torch.batchNorm(x, rm, rv, w, b, o), ...[rm, rv].filter((s): s is Tensor => s !== null)],
  dropout: (x: Tensor, p?: number, training?: boolean) => torch.dropout(x, p, training),
  bookDropout: () => {
    torch.manualSeed(123);
    return torch.dropout(torch.randn(1, 10), 0.5);
  },
  embedding: (i: Tensor, w: Tensor, o?: EmbeddingOptions) => torch.embedding(i, w, o),
  leakyRelu: (x: Tensor, slope?: number) => torch.leakyRelu(x, slope),
  gelu: (x: Tensor, o?: GeluOptions) => torch.gelu(x, o),
  hardtanh: (x: Tensor, lo?: number, hi?: number) => torch.hardtanh(x, lo, hi),
};

// --- the fixture ---------------------------------------------------------------------------

interface TensorSpec {
  shape: number[];
  dtype: DType;
  data?: (number | string)[];
  gen?: number;
  lo?: number;
  hi?: number;
  requiresGrad?: boolean;
}

interface Expected {
  shape: number[];
  dtype: DType;
  data: (number | string)[];
  step?: number;
}

interface NnCase {
  id: string;
  op: string;
  args: unknown[];
  seed?: number;
  grad?: TensorSpec | null | (TensorSpec | null)[];
  output?: Expected | Expected[];
  grads?: (Expected | null)[];
  error?: string;
}

const CASES: NnCase[] = JSON.parse(
  readFileSync(
    new URL('../../tensor/src/nn/__fixtures__/nn-functional.json', import.meta.url),
    'utf8',
  ),
);

const isSpec = (v: unknown): v is TensorSpec =>
  typeof v === 'object' && v !== null && 'shape' in v && 'dtype' in v;

function makeTensor(spec: TensorSpec): Tensor {
  const n = spec.shape.reduce((a, b) => a * b, 1);
  const values =
    spec.gen !== undefined
      ? fixtureHashValues(spec.gen, n, spec.lo, spec.hi)
      : (spec.data ?? []).map(fixtureNumber);
  const typed = spec.dtype === 'int32' ? Int32Array.from(values) : Float32Array.from(values);
  return torch.tensor(typed, { dtype: spec.dtype }).reshape(spec.shape);
}

function compare(got: Tensor, want: Expected, what: string): void {
  expect([...got.shape], `${what}: shape`).toEqual(want.shape);
  const all = Array.from(got.dataSync(), Number);
  const step = want.step ?? 1;
  const values = step === 1 ? all : all.filter((_, i) => i % step === 0);
  const wanted = want.data.map((v) => Math.fround(fixtureNumber(v)));
  expect(values.length, `${what}: number of values`).toBe(wanted.length);
  const largest = wanted.reduce((m, w) => (Number.isFinite(w) ? Math.max(m, Math.abs(w)) : m), 0);
  const floor = 1e-2 * largest;
  const bad: string[] = [];
  wanted.forEach((w, i) => {
    const v = values[i] as number;
    const ok =
      want.dtype !== 'float32'
        ? v === w
        : Number.isNaN(w)
          ? Number.isNaN(v)
          : v === w || Math.abs(v - w) <= 1e-5 * Math.max(Math.abs(v), Math.abs(w), floor);
    if (!ok) bad.push(`[${i * step}] torch ${w}, got ${v}`);
  });
  expect(bad.slice(0, 10), `${what}: values (${bad.length} of ${wanted.length} differ)`).toEqual(
    [],
  );
}

/** Runs case `id` with its float inputs requiring grad, back-propagates, compares with torch. */
function checkGradients(id: string): void {
  const c = CASES.find((k) => k.id === id) as NnCase;
  const leaves: Tensor[] = [];
  const args = c.args.map((a) => {
    if (!isSpec(a)) return a;
    const t = makeTensor(a);
    if (a.dtype === 'float32' && a.requiresGrad !== false) {
      t.requiresGrad_(true);
      leaves.push(t);
    }
    return t;
  });
  const fn = ops[c.op] as (...a: unknown[]) => Tensor | Tensor[];
  if (c.seed !== undefined) torch.manualSeed(c.seed);
  const out = fn(...args);
  const outs = Array.isArray(out) ? out : [out];
  const wants = Array.isArray(c.output) ? c.output : [c.output as Expected];
  const grads = Array.isArray(c.grad) ? c.grad : [c.grad ?? null];
  outs.forEach((o, i) => {
    compare(o, wants[i] as Expected, `${id}: output ${i}`);
  });
  const last = grads.reduce((at, g, i) => (g === null ? at : i), -1);
  grads.forEach((g, i) => {
    if (g !== null) outs[i]?.backward(makeTensor(g), { retainGraph: i < last });
  });
  const expected = c.grads ?? [];
  expect(leaves.length, `${id}: inputs that require grad`).toBe(expected.length);
  leaves.forEach((leaf, i) => {
    const want = expected[i] ?? null;
    if (want === null) {
      expect(leaf.grad, `${id}: torch leaves input ${i} without gradient`).toBeNull();
      return;
    }
    expect(leaf.grad, `${id}: gradient of input ${i}`).toBeInstanceOf(Tensor);
    compare(leaf.grad as Tensor, want, `${id}: gradient of input ${i}`);
  });
}

/** The CPU backend without its fused conv2d / maxPool2d / batch norm: the tensor layer's composites run. */
const compositeCpu = () => withoutOps(cpuBackend(), FUSED_NN_OPS);

// the fixtures come from Debian's torch, built without MKL: its dropout masks are 'aten's
beforeAll(() => torch.setBernoulliAlgorithm('aten'));
afterAll(() => torch.setBernoulliAlgorithm('mkl'));
// every test starts on the fused kernels; the composite block switches to its own device
beforeEach(() => torch.useDevice('cpu', autodiff(cpuBackend())));

const gradientCases = CASES.filter((c) => c.error === undefined).map((c) => c.id);
const fusedOpCases = CASES.filter(
  (c) =>
    c.error === undefined && ['conv2d', 'cnnFeatures', 'maxPool2d', 'batchNorm'].includes(c.op),
).map((c) => c.id);

describe.each(GRAD_BACKENDS)('gradients of the functional ops match torch 1.13 (%s)', (_, make) => {
  useGradBackend(make);
  it.each(gradientCases)('%s', (id) => checkGradients(id));
});

describe('gradients of conv2d, maxPool2d and batchNorm composed of primitives match torch 1.13', () => {
  beforeEach(() => torch.useDevice('cpu', autodiff(compositeCpu())));
  it('the composite path runs (no fused kernels offered)', () => {
    for (const op of ['conv2d', 'maxPool2d', 'batchNorm'] as const) {
      expect(autodiff(compositeCpu())[op], op).toBeUndefined();
      expect(autodiff(cpuBackend())[op], op).toBeTypeOf('function');
    }
  });
  it.each(fusedOpCases)('%s', (id) => checkGradients(id));
});

describe('the functional ops in the graph', () => {
  it('each shows as one node named as in PyTorch', () => {
    const x = torch.randn(2, 3, 6, 6).requiresGrad_();
    const w = torch.randn(4, 3, 3, 3).requiresGrad_();
    const b = torch.randn(4).requiresGrad_();
    const y = torch.conv2d(x, w, b, { padding: 1 });
    expect(y.gradFn?.name).toBe('ConvolutionBackward0');
    // the group's inputs: the three leaves
    expect(y.gradFn?.nextFunctions.map((f) => f?.name)).toEqual([
      'AccumulateGrad',
      'AccumulateGrad',
      'AccumulateGrad',
    ]);
    const names = [
      torch.maxPool2d(y, 2),
      torch.avgPool2d(y, 2),
      torch.adaptiveAvgPool2d(y, 3),
      torch.batchNorm(y, null, null, null, null, { training: true }),
      torch.linear(y.flatten(1), torch.randn(5, 144), torch.randn(5)),
      torch.embedding(torch.tensor([1, 2]), w.flatten(1)),
      torch.leakyRelu(y),
      torch.gelu(y),
      torch.hardtanh(y),
      torch.dropout(y, 0.5),
    ].map((t) => t.gradFn?.name);
    expect(names).toEqual([
      'MaxPool2DWithIndicesBackward0',
      'AvgPool2DBackward0',
      'AdaptiveAvgPool2DBackward0',
      'NativeBatchNormBackward0',
      'AddmmBackward0',
      'EmbeddingBackward0',
      'LeakyReluBackward0',
      'GeluBackward0',
      'HardtanhBackward0',
      'MulBackward0',
    ]);
  });

  it('conv2d sends the gradient of a non-contiguous input back to its leaf', () => {
    const leaf = torch.randn(2, 6, 6, 3).requiresGrad_();
    const w = torch.randn(4, 3, 3, 3);
    const g = torch.randn(2, 4, 3, 3);
    // [N, H, W, C] seen as [N, C, H, W]
    torch.conv2d(leaf.permute(0, 3, 1, 2), w, null, { stride: 2, padding: 1 }).backward(g);
    const copy = leaf.detach().permute(0, 3, 1, 2).contiguous().requiresGrad_();
    torch.conv2d(copy, w, null, { stride: 2, padding: 1 }).backward(g);
    const want = copy.grad?.permute(0, 2, 3, 1).flatten().tolist() as number[];
    const got = leaf.grad?.flatten().tolist() as number[];
    got.forEach((v, i) => {
      expect(v).toBeCloseTo(want[i] as number, 5);
    });
  });

  it('batchNorm is one node over x, weight and bias; fused and composite agree on strided input', () => {
    const leafOf = () => torch.randn(3, 5, 4, 2).requiresGrad_();
    const run = (device: ReturnType<typeof autodiff>, training: boolean) => {
      torch.useDevice('cpu', device);
      torch.manualSeed(7);
      const leaf = leafOf();
      const w = torch.randn(2).requiresGrad_();
      const b = torch.randn(2).requiresGrad_();
      const [rm, rv] = [torch.randn(2), torch.rand(2).add(0.5)];
      // [N, H, W, C] seen as [N, C, H, W]
      const y = torch.batchNorm(leaf.permute(0, 3, 1, 2), rm, rv, w, b, { training });
      const names = y.gradFn?.nextFunctions.map((f) => f?.name);
      y.backward(torch.randn(3, 2, 5, 4));
      const values = [y, leaf.grad, w.grad, b.grad, rm, rv].map(
        (t) => t?.flatten().tolist() as number[],
      );
      return { name: y.gradFn?.name, names, values };
    };
    for (const training of [true, false]) {
      const fused = run(autodiff(cpuBackend()), training);
      const composed = run(autodiff(compositeCpu()), training);
      expect(fused.name).toBe('NativeBatchNormBackward0');
      expect(fused.names).toEqual(['AccumulateGrad', 'AccumulateGrad', 'AccumulateGrad']);
      fused.values.forEach((vs, k) => {
        const want = composed.values[k] as number[];
        // float32 roundings in another order: within 1e-5 of the value (or of 1, near 0)
        const bad = vs.filter((v, i) => {
          const w = want[i] as number;
          return !(Math.abs(v - w) <= 1e-5 * Math.max(1, Math.abs(w)));
        });
        expect(bad, `training ${training}, result ${k}`).toEqual([]);
      });
    }
  });

  it('batchNorm updates the running statistics outside the graph', () => {
    const x = torch.randn(4, 3).requiresGrad_();
    const [rm, rv] = [torch.zeros(3), torch.ones(3)];
    const y = torch.batchNorm(x, rm, rv, null, null, { training: true });
    expect(rm.requiresGrad || rv.requiresGrad).toBe(false);
    expect(rm.gradFn).toBeNull();
    // a second call in training mode overwrites them; the first graph must still run backward
    torch.batchNorm(x, rm, rv, null, null, { training: true });
    y.sum().backward();
    expect(x.grad?.shape).toEqual([4, 3]);
  });
});
