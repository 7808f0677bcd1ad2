// The models of BOOK.md chapters 4-11, written in TypeScript (course-models.test.util.ts) and
// compared with the same classes in PyTorch (tools/fixtures/layers.py, "models"): the printout,
// the parameter count and names, the state-dict keys and, after manualSeed(123), one forward and
// backward step on x = randn(...) with the upstream gradient g = randn(...), drawn in torch's
// order. This checks the default initialisation of every layer (same generator, same order of
// draws), the shared modules (one ReLU, one MaxPool2d, dropout3 and CNN_v5's BatchNorms), and
// Dropout's masks in training mode (drawn as Debian's torch draws them: see likeDebianTorch).
//
// Comparison, against torch's float64 run rounded to float32: the output within expectClose's
// rule (1e-5 of each value plus 1e-6 of the largest); each parameter's gradient by its sum, its
// sum of absolute values and its first values, each within 1e-5 of the sum of absolute values,
// or within 10 times PyTorch's own float32 error where that is larger (its error on the value,
// or its total error over the gradient's elements; per element, their mean): the bias of a
// convolution before BatchNorm has a gradient that is zero in exact arithmetic, and float32
// leaves ~1e-6 of it, in PyTorch too.
import { manualSeed, randn } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { COURSE_MODELS } from './course-models.test.util.js';
import {
  expectClose,
  fromJson,
  likeDebianTorch,
  readFixture,
  type TensorJson,
  useCpu,
} from './helpers.test.util.js';
import type { Module } from './module.js';

interface GradStats {
  sum: number;
  absSum: number;
  first: TensorJson;
  sum32: number;
  absSum32: number;
  first32: TensorJson;
}

/** |got - want| within 1e-5 of `scale`, or 10 times torch's float32 error `want32 - want`. */
function expectNear(
  got: number,
  want: number,
  want32: number,
  scale: number,
  what: string,
  noise = 0,
): void {
  const tolerance = Math.max(1e-5 * scale, 10 * Math.abs(want32 - want), 10 * noise);
  expect(Math.abs(got - want), `${what}: got ${got}, torch ${want}`).toBeLessThanOrEqual(tolerance);
}

interface ModelCase {
  print: string;
  numParams: number;
  namedParameters: [string, number[]][];
  stateDictKeys: string[];
  namedModules: string[];
  inputShape: number[];
  inputFirst: TensorJson;
  output: TensorJson;
  grads: Record<string, GradStats>;
  buffersAfter: Record<string, TensorJson>;
}

const { models } = readFixture<{ models: Record<string, ModelCase> }>('layers');

beforeAll(useCpu);

describe.each(Object.entries(models))('%s', (name, c) => {
  const make = COURSE_MODELS[name] as () => Module;

  it('builds with PyTorch parameter count, names, state-dict keys and printout', () => {
    const net = make();
    expect(net.parameters().reduce((n, p) => n + p.numel(), 0)).toBe(c.numParams);
    expect(net.namedParameters().map(([k, p]) => [k, [...p.shape]])).toEqual(c.namedParameters);
    expect(Object.keys(net.stateDict())).toEqual(c.stateDictKeys);
    expect(net.namedModules().map(([k]) => k)).toEqual(c.namedModules);
    expect(net.toString()).toBe(c.print);
  });

  it("runs a seeded forward and backward step with PyTorch's numbers", () => {
    manualSeed(123);
    const net = make();
    const x = randn(c.inputShape);
    expectClose(x.reshape(-1).index('0:4'), c.inputFirst, `${name}: randn input`, { exact: true });
    const g = randn(c.output.shape);
    net.train();
    const out = likeDebianTorch(() => net(x)); // Dropout's masks as the fixture's torch draws them
    expectClose(out, c.output, `${name}: output`);
    out.backward(g);
    for (const [key, p] of net.namedParameters()) {
      const want = c.grads[key];
      expect(want, `${name}: ${key} has a torch gradient`).toBeDefined();
      expect(p.grad, `${name}: ${key}.grad`).not.toBeNull();
      const grad = p.grad!.reshape(-1);
      const w = want!;
      const what = `${name}: ${key}.grad`;
      // torch's own float32 error over this gradient: the abs sums differ by about the sum of
      // the per-element errors (for a gradient that is zero in exact arithmetic, exactly so)
      const total = Math.abs(w.absSum32 - w.absSum);
      expectNear(grad.abs().sum().item(), w.absSum, w.absSum32, w.absSum, `${what} abs sum`, total);
      expectNear(grad.sum().item(), w.sum, w.sum32, w.absSum, `${what} sum`, total);
      const first = Array.from(grad.index('0:4').dataSync());
      const [f64, f32] = [fromJson(w.first).dataSync(), fromJson(w.first32).dataSync()];
      const noise = total / p.numel(); // per element, on average
      first.forEach((v, i) => {
        const [a, b] = [f64[i] as number, f32[i] as number];
        expectNear(v, a, b, Math.abs(a), `${what}[${i}]`, noise);
      });
    }
    const buffers = Object.fromEntries(net.namedBuffers());
    for (const [key, t] of Object.entries(c.buffersAfter)) {
      expectClose(buffers[key]!, fromJson(t), `${name}: ${key} after`);
    }
  });
});
