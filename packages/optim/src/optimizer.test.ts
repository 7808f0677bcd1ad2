import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { noGrad, type Tensor, tensor, useDevice } from '@nabla/tensor';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Adam } from './adam.js';
import { OneCycleLR } from './one-cycle-lr.js';
import type { OptimizerStateDict } from './optimizer.js';
import { SGD } from './sgd.js';
import { StepLR } from './step-lr.js';
import { fixture, freshParams, gradsAt, makeOptimizer } from './test-helpers.js';

beforeAll(() => useDevice('cpu', autodiff(cpuBackend())));
afterEach(() => vi.restoreAllMocks());

const leaf = (values: number[]) => tensor(values, { requiresGrad: true });

describe('Optimizer: zeroGrad and step', () => {
  it('zeroGrad() sets gradients to null, as PyTorch 2 does', () => {
    const w = leaf([1, 2]);
    const optimizer = new SGD([w], { lr: 0.1 });
    w.mul(3).sum().backward();
    expect(w.grad?.tolist()).toEqual([3, 3]);
    optimizer.zeroGrad();
    expect(w.grad).toBeNull();
  });

  it('zeroGrad(false) zeroes them in place, as PyTorch 1.x did', () => {
    const w = leaf([1, 2]);
    const optimizer = new SGD([w], { lr: 0.1 });
    w.mul(3).sum().backward();
    const grad = w.grad as Tensor;
    optimizer.zeroGrad(false);
    expect(w.grad?.tolist()).toEqual([0, 0]);
    expect(grad.tolist()).toEqual([0, 0]);
  });

  it('skips parameters without a gradient', () => {
    const w = leaf([1, 2]);
    const b = leaf([5]);
    const optimizer = new SGD([w, b], { lr: 0.5, momentum: 0.9 });
    w.grad = tensor([1, -1]);
    optimizer.step();
    expect(w.tolist()).toEqual([0.5, 2.5]);
    expect(b.tolist()).toEqual([5]);
    expect(optimizer.state.has(b)).toBe(false);
  });

  it('runs the closure with gradients on and returns its loss', () => {
    const w = leaf([3]);
    const optimizer = new SGD([w], { lr: 0.25 });
    const closure = () => {
      optimizer.zeroGrad();
      const loss = w.pow(2).sum();
      loss.backward();
      return loss;
    };
    const loss = optimizer.step(closure);
    expect(loss?.item()).toBe(9);
    expect(w.tolist()).toEqual([1.5]); // 3 - 0.25 * 6
    expect(optimizer.step()).toBeUndefined();
  });

  it('updates parameters in place, outside the graph', () => {
    const w = leaf([1]);
    const optimizer = new SGD([w], { lr: 0.1 });
    w.grad = tensor([1]);
    optimizer.step();
    expect(w.isLeaf).toBe(true);
    expect(w.requiresGrad).toBe(true);
    expect(w.gradFn).toBeNull();
  });
});

describe('Optimizer: parameters and param groups', () => {
  it('rejects an empty list, a tensor in two groups, and a non-leaf tensor', () => {
    const w = leaf([1]);
    expect(() => new SGD([], { lr: 0.1 })).toThrow('optimizer got an empty parameter list');
    expect(() => new SGD([{ params: [w] }, { params: [w] }], { lr: 0.1 })).toThrow(
      'some parameters appear in more than one parameter group',
    );
    expect(() => new SGD([w.mul(2)], { lr: 0.1 })).toThrow("can't optimize a non-leaf Tensor");
  });

  it('rejects a single tensor, which is not a list of parameters', () => {
    const w = leaf([1]);
    expect(() => new SGD(w as unknown as Tensor[], { lr: 0.1 })).toThrow(
      'params argument given to the optimizer should be an iterable of Tensors',
    );
  });

  it('rejects something that is not a tensor', () => {
    expect(() => new SGD([3 as unknown as Tensor], { lr: 0.1 })).toThrow(
      'optimizer can only optimize Tensors, but one of the params is number',
    );
  });

  it('warns about, and keeps, a tensor given twice in one group', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const w = leaf([1]);
    const optimizer = new SGD([w, w], { lr: 0.1 });
    expect(optimizer.paramGroups[0]?.params).toEqual([w, w]);
    expect(warn).toHaveBeenCalledOnce();
  });

  it('addParamGroup adds a group with the defaults, and refuses a parameter already there', () => {
    const [W, b] = freshParams();
    const optimizer = new SGD([W], { lr: 0.1, momentum: 0.9 });
    optimizer.addParamGroup({ params: b, lr: 0.01 });
    expect(optimizer.paramGroups[1]).toEqual({
      lr: 0.01,
      momentum: 0.9,
      dampening: 0,
      weightDecay: 0,
      nesterov: false,
      maximize: false,
      params: [b],
    });
    expect(() => optimizer.addParamGroup({ params: [W] })).toThrow(
      'some parameters appear in more than one parameter group',
    );
    expect(() => optimizer.addParamGroup({ params: [W.mul(2)] })).toThrow(
      "can't optimize a non-leaf Tensor",
    );
  });

  it("lets a group's own options win (the course's fine-tuning pattern)", () => {
    const [W, b] = freshParams();
    const optimizer = new SGD([{ params: [W] }, { params: [b], lr: 0.01 }], {
      lr: 0.1,
      momentum: 0.9,
    });
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0.1, 0.01]);
    expect(optimizer.paramGroups.map((g) => g.momentum)).toEqual([0.9, 0.9]);
  });
});

describe("Optimizer: toString() is PyTorch's print(optimizer)", () => {
  it.each(fixture.reprs.map((c) => [c.id, c] as const))('%s', (_, c) => {
    const optimizer = makeOptimizer(c.optimizer, freshParams(), c.options, c.groups);
    if (c.scheduler?.name === 'StepLR') new StepLR(optimizer, c.scheduler.args as never);
    if (c.scheduler?.name === 'OneCycleLR') new OneCycleLR(optimizer, c.scheduler.args as never);
    expect(optimizer.toString()).toBe(c.repr);
  });
});

/** The state dict with tensors as flat lists, as the fixture writes it. */
function plain(sd: OptimizerStateDict) {
  const state: Record<string, Record<string, unknown>> = {};
  for (const [i, entry] of Object.entries(sd.state)) {
    state[i] = Object.fromEntries(
      Object.entries(entry).map(([k, v]) => [
        k,
        v !== null && typeof v === 'object' ? Array.from(v.dataSync()) : v,
      ]),
    );
  }
  return { state, param_groups: sd.param_groups };
}

describe("Optimizer: stateDict() has PyTorch's layout", () => {
  it.each(fixture.stateDicts.map((c) => [c.id, c] as const))('%s', (_, c) => {
    const params = freshParams();
    const optimizer = makeOptimizer(c.optimizer, params, c.options, c.groups);
    for (let step = 0; step < c.steps; step++) {
      const [gW, gb] = gradsAt(step);
      params[0].grad = gW;
      params[1].grad = c.skip?.includes(step) ? null : gb;
      optimizer.step();
    }
    const ours = plain(optimizer.stateDict());
    const want = c.stateDict;
    expect(ours.param_groups).toEqual(want.param_groups);
    expect(Object.keys(ours.state)).toEqual(Object.keys(want.state));
    for (const [i, entry] of Object.entries(want.state)) {
      const mine = ours.state[i] as Record<string, unknown>;
      expect(Object.keys(mine).sort(), `state ${i}`).toEqual(Object.keys(entry).sort());
      for (const [key, value] of Object.entries(entry)) {
        if (Array.isArray(value)) {
          const got = mine[key] as number[];
          value.forEach((v, j) => {
            expect(Math.abs(got[j]! - v), `state ${i} ${key}[${j}]`).toBeLessThanOrEqual(
              1e-5 * Math.max(...value.map(Math.abs)),
            );
          });
        } else {
          expect(mine[key], `state ${i} ${key}`).toEqual(value);
        }
      }
    }
  });

  it('round-trips: a loaded optimizer continues exactly as the saved one', () => {
    const [W1, b1] = freshParams();
    const [W2, b2] = freshParams();
    const first = new Adam([{ params: [W1] }, { params: [b1], lr: 0.01 }], { amsgrad: true });
    const second = new Adam([{ params: [W2] }, { params: [b2] }], { lr: 0.5 });
    const stepBoth = (i: number, optimizers: Adam[], params: Tensor[][]) => {
      optimizers.forEach((o, k) => {
        const [gW, gb] = gradsAt(i);
        (params[k] as Tensor[])[0]!.grad = gW;
        (params[k] as Tensor[])[1]!.grad = gb;
        o.step();
      });
    };
    for (let i = 0; i < 3; i++) stepBoth(i, [first], [[W1, b1]]);
    const saved = first.stateDict();
    second.loadStateDict(saved);
    noGrad(() => {
      W2.copy_(W1);
      b2.copy_(b1);
    });
    expect(second.paramGroups.map((g) => [g.lr, g.amsgrad])).toEqual([
      [0.001, true],
      [0.01, true],
    ]);
    expect(second.paramGroups[0]?.params[0]).toBe(W2);
    // the loaded state is a copy: stepping one does not move the other's
    expect(second.state.get(W2)?.expAvg).not.toBe(first.state.get(W1)?.expAvg);
    for (let i = 3; i < 6; i++)
      stepBoth(
        i,
        [first, second],
        [
          [W1, b1],
          [W2, b2],
        ],
      );
    expect(W2.tolist()).toEqual(W1.tolist());
    expect(b2.tolist()).toEqual(b1.tolist());
    expect(second.state.get(W2)?.step).toBe(6);
  });

  it('refuses a state dict whose groups do not match', () => {
    const [W, b] = freshParams();
    const one = new SGD([W, b], { lr: 0.1 });
    const two = new SGD([{ params: [W] }, { params: [b] }], { lr: 0.1 });
    expect(() => one.loadStateDict(two.stateDict())).toThrow(
      'loaded state dict has a different number of parameter groups',
    );
    const other = new SGD([{ params: [W, b] }, { params: [leaf([1])] }], { lr: 0.1 });
    expect(() => two.loadStateDict(other.stateDict())).toThrow(
      "loaded state dict contains a parameter group that doesn't match the size of optimizer's group",
    );
  });

  it('loads a step saved as a one-element tensor, as PyTorch saves it', () => {
    const [W] = freshParams();
    const optimizer = new Adam([W]);
    const sd: OptimizerStateDict = {
      state: {
        0: { step: tensor(4), exp_avg: tensor(0).add(W.detach()), exp_avg_sq: W.detach().pow(2) },
      },
      param_groups: [{ ...optimizer.stateDict().param_groups[0], params: [0] }],
    };
    optimizer.loadStateDict(sd);
    expect(optimizer.state.get(W)?.step).toBe(4);
    expect(optimizer.paramGroups[0]).not.toHaveProperty('foreach');
  });
});
