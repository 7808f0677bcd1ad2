import { cpuBackend } from '@nabla/backend-cpu';
import type { Tensor } from '@nabla/tensor';
import * as torch from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { autodiff } from './index.js';

/**
 * How backward() behaves, as in PyTorch 1.13: accumulation, retain_graph, the errors for a freed
 * graph and for a saved tensor changed in place, seeds of non-scalar outputs, no_grad /
 * enable_grad, frozen leaves, and a graph too deep for a recursive walk.
 */
const leaf = (values: number[]): Tensor => torch.tensor(values, { requiresGrad: true });
const values = (t: Tensor | null): number[] => Array.from(t?.dataSync() ?? [], Number);

beforeAll(() => torch.useDevice('cpu', autodiff(cpuBackend())));

describe('backward()', () => {
  it('accumulates into .grad across two calls, in the same tensor', () => {
    const x = leaf([1, 2, 3]);
    x.mul(x).sum().backward();
    const held = x.grad;
    x.mul(3).sum().backward();
    // d(x^2)/dx + d(3x)/dx = 2x + 3
    expect(values(x.grad)).toEqual([5, 7, 9]);
    expect(values(held)).toEqual([5, 7, 9]);
  });

  it('gives each leaf its own .grad when one gradient reaches two of them (a + b)', () => {
    const a = torch.tensor([1, 2, 3], { requiresGrad: true });
    const b = torch.tensor([4, 5, 6], { requiresGrad: true });
    a.add(b).sum().backward();
    expect(a.grad?.tolist()).toEqual([1, 1, 1]);
    expect(b.grad?.tolist()).toEqual([1, 1, 1]);
    // accumulating into a's .grad (in place) must leave b's alone
    a.mul(3).sum().backward();
    expect(a.grad?.tolist()).toEqual([4, 4, 4]);
    expect(b.grad?.tolist()).toEqual([1, 1, 1]);
    // a gradient passed on unchanged (clone) to one leaf, then accumulated into
    const c = torch.tensor([1, 2], { requiresGrad: true });
    const d = torch.tensor([3, 4], { requiresGrad: true });
    c.clone().add(d).sum().backward();
    c.sum().backward();
    expect(c.grad?.tolist()).toEqual([2, 2]);
    expect(d.grad?.tolist()).toEqual([1, 1]);
  });

  it('adds the gradients of a tensor used twice (fan-out)', () => {
    const x = leaf([1.5, -2]);
    const y = x.mul(2);
    y.mul(y).add(y).sum().backward();
    // d((2x)^2 + 2x)/dx = 8x + 2
    expect(values(x.grad)).toEqual([14, -14]);
  });

  it('splits the gradient of max() between tied maxima (the book, chapter 2 appendix)', () => {
    const x = torch.arange(-2, 2.1, 0.25).requiresGrad_();
    x.pow(2).mul(2).add(2).max().backward();
    const grad = values(x.grad);
    expect([grad[0], grad[16]]).toEqual([-4, 4]);
    expect(grad.slice(1, 16).every((g) => g === 0)).toBe(true);
  });

  it('runs through the graph again with retainGraph', () => {
    const x = leaf([0, 1]);
    const y = x.exp().sum();
    y.backward(undefined, { retainGraph: true });
    y.backward();
    expect(values(x.grad)).toEqual([2, 2 * Math.fround(Math.E)].map(Math.fround));
  });

  it('refuses a second backward through a graph whose saved tensors were freed', () => {
    const x = leaf([1, 2]);
    const y = x.mul(x).sum();
    y.backward();
    expect(() => y.backward()).toThrow(/backward through the graph a second time/);
  });

  it('lets a graph that saved nothing run twice, as PyTorch does', () => {
    const x = leaf([1, 2]);
    const y = x.add(1).sum();
    y.backward();
    y.backward();
    expect(values(x.grad)).toEqual([2, 2]);
  });

  it('refuses backward when a saved tensor was changed in place (version counter)', () => {
    const x = leaf([0.5, 1]);
    const a = x.mul(2);
    const b = a.sin(); // sin saves its input a
    a.add_(1);
    expect(() => b.sum().backward()).toThrow(
      /modified by an inplace operation.*is at version 1; expected version 0/,
    );
  });

  it('catches a saved leaf updated under noGrad between forward and backward', () => {
    const w = leaf([1, 2]);
    const loss = w.mul(w).sum(); // mul saves w
    torch.noGrad(() => w.sub_(torch.tensor([0.1, 0.1])));
    expect(() => loss.backward()).toThrow(/modified by an inplace operation/);
  });

  it('shares the version counter with detach(): writing the detached tensor is caught', () => {
    const x = leaf([0, 1]);
    const y = x.exp(); // exp saves its output y
    y.detach().zero_();
    expect(() => y.sum().backward()).toThrow(/modified by an inplace operation/);
  });

  it('needs a gradient argument for a non-scalar output', () => {
    const x = leaf([1, 2, 3]);
    const y = x.mul(2);
    expect(() => y.backward()).toThrow(/grad can be implicitly created only for scalar outputs/);
    y.backward(torch.tensor([1, 0.5, -2]));
    expect(values(x.grad)).toEqual([2, 1, -4]);
    expect(() => x.mul(2).backward(torch.tensor([1, 2]))).toThrow(/mismatch in shape/);
  });

  it('refuses backward on a tensor that does not require grad', () => {
    expect(() => torch.tensor([1, 2]).sum().backward()).toThrow(/does not require grad/);
  });

  it('keeps no .grad on a non-leaf, and none on a leaf the output does not use', () => {
    const x = leaf([1, 2]);
    const unused = leaf([3]);
    const y = x.mul(2);
    y.sum().backward();
    expect(y.grad).toBeNull();
    expect(unused.grad).toBeNull();
  });

  it('records nothing under noGrad, and again under enableGrad nested inside it', () => {
    const x = leaf([1, 2]);
    torch.noGrad(() => {
      expect(torch.isGradEnabled()).toBe(false);
      expect(x.mul(2).requiresGrad).toBe(false);
      torch.enableGrad(() => {
        expect(torch.isGradEnabled()).toBe(true);
        const y = x.mul(2);
        expect(y.requiresGrad).toBe(true);
        torch.noGrad(() => expect(x.mul(2).gradFn).toBeNull());
        y.sum().backward();
      });
      expect(torch.isGradEnabled()).toBe(false);
    });
    expect(torch.isGradEnabled()).toBe(true);
    expect(values(x.grad)).toEqual([2, 2]);
  });

  it('restores the grad mode when the function throws', () => {
    expect(() =>
      torch.noGrad(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(torch.isGradEnabled()).toBe(true);
  });

  it('allows in-place updates of a leaf under noGrad only', () => {
    const w = leaf([1, 2]);
    expect(() => w.add_(1)).toThrow(/leaf Variable that requires grad/);
    torch.noGrad(() => w.sub_(torch.tensor([0.5, 0.5])));
    expect(values(w)).toEqual([0.5, 1.5]);
    expect(w.isLeaf).toBe(true);
  });

  it('freezes a leaf with requiresGrad_(false)', () => {
    const w = leaf([2, 3]);
    const x = leaf([1, -1]);
    w.requiresGrad_(false);
    w.mul(x).sum().backward();
    expect(w.grad).toBeNull();
    expect(values(x.grad)).toEqual([2, 3]);
    expect(() => x.mul(2).requiresGrad_(false)).toThrow(/only change requires_grad flags of leaf/);
  });

  it('detach() shares the data and stops the gradient; clone() passes it', () => {
    const x = leaf([1, 2]);
    const d = x.detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.gradFn).toBeNull();
    x.clone().mul(d).sum().backward();
    expect(values(x.grad)).toEqual([1, 2]);
    torch.noGrad(() => x.mul_(3));
    expect(values(d)).toEqual([3, 6]);
  });

  it('back-propagates through a chain of 100,000 ops without overflowing the stack', () => {
    const x = leaf([1.5]);
    let y = x;
    for (let i = 0; i < 100_000; i++) y = y.add(1);
    y.sum().backward();
    expect(values(y)).toEqual([100_001.5]);
    expect(values(x.grad)).toEqual([1]);
    // speed is measured by the benchmark, not here (about 0.7 s on an idle machine)
  }, 60_000);
});
