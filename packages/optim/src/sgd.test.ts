import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { noGrad, type Tensor, tensor, useDevice } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { SGD } from './sgd.js';
import {
  type BookCase,
  expectClose,
  fixture,
  optimizerCases,
  runOptimizerCase,
} from './test-helpers.js';

beforeAll(() => useDevice('cpu', autodiff(cpuBackend())));

describe('SGD matches torch.optim.SGD (tools/fixtures/optim.py)', () => {
  it.each(optimizerCases('SGD'))('%s', (_, c) => runOptimizerCase(c));
});

describe('SGD bit for bit', () => {
  // PyTorch's CPU kernel of `param.add_(d_p, alpha=-lr)` is one fused multiply-add on its AVX2
  // build (Debian's python3-torch 1.13.1 on these machines), rounding once; @nabla/tensor's
  // add(other, alpha) rounds once, as torch's fused kernel does (the CPU backend's addScaled);
  // the composite `a + (alpha * b)` rounded the product first and gave -0.47220003604888916
  it("one step rounds as torch's fused add(alpha) does", () => {
    // torch.tensor([-0.337]).add_(torch.tensor([1.352]), alpha=-0.1) -> -0.4722000062465668
    const p = tensor([-0.337], { requiresGrad: true });
    p.grad = tensor([1.352]);
    new SGD([p], { lr: 0.1 }).step();
    expect(p.item()).toBe(-0.4722000062465668);
  });
});

/** Chapter 3 of the course (../shared/BOOK.md): W * X + B fitted to the centred height data. */
function book() {
  const heights = [166, 176, 171, 173, 169];
  const weights = [58.7, 75.7, 62.1, 70.4, 60.1];
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const X = tensor(heights.map((h) => h - mean(heights)));
  const Y = tensor(weights.map((w) => w - mean(weights)));
  const W = tensor(1.0, { requiresGrad: true });
  const B = tensor(1.0, { requiresGrad: true });
  const loss = () => W.mul(X).add(B).sub(Y).pow(2).mean();
  return { W, B, loss };
}

/** 500 epochs of the chapter's loop; `update` is the step, by hand or with an optimizer. */
function train(W: Tensor, B: Tensor, loss: () => Tensor, update: () => void) {
  const history: number[] = [];
  for (let epoch = 0; epoch < 500; epoch++) {
    const l = loss();
    l.backward();
    update();
    if (epoch % 10 === 0) history.push(l.item());
  }
  return { W: W.item(), B: B.item(), history };
}

describe('book chapter 3: optim.SGD([W, B], lr)', () => {
  const lr = 0.001;
  const torchRun = (momentum: number) =>
    fixture.book.find((b) => b.momentum === momentum) as BookCase;

  it('reproduces the manual noGrad loop bit for bit', () => {
    const manual = book();
    const byHand = train(manual.W, manual.B, manual.loss, () =>
      noGrad(() => {
        manual.W.sub_(manual.W.grad!.mul(lr));
        manual.B.sub_(manual.B.grad!.mul(lr));
        manual.W.grad!.zero_();
        manual.B.grad!.zero_();
      }),
    );
    const { W, B, loss } = book();
    const optimizer = new SGD([W, B], { lr });
    const withSgd = train(W, B, loss, () => {
      optimizer.step();
      optimizer.zeroGrad();
    });
    expect(withSgd).toEqual(byHand);
    expect(W.toString()).toBe('tensor(1.8207, requires_grad=True)');
    expect(B.toString()).toBe('tensor(0.3675, requires_grad=True)');
    // and torch's float32 values, bit for bit
    expect(withSgd.W).toBe(Math.fround(torchRun(0).W));
    expect(withSgd.B).toBe(Math.fround(torchRun(0).B));
    expect(withSgd.history).toEqual(torchRun(0).history.map(Math.fround));
  });

  it("with momentum=0.9 reaches torch's W, B and losses", () => {
    const { W, B, loss } = book();
    const optimizer = new SGD([W, B], { lr, momentum: 0.9 });
    const run = train(W, B, loss, () => {
      optimizer.step();
      optimizer.zeroGrad();
    });
    const want = torchRun(0.9);
    expectClose(run.history, want.history, 'loss history', 'elementwise');
    // W and B normwise: B ends near 0 (2.3e-6 in torch), a difference of values near 1
    expectClose([run.W, run.B], [want.W, want.B], 'W, B');
  });
});

describe('SGD checks its arguments as torch.optim.SGD does', () => {
  const w = () => tensor([1, 2], { requiresGrad: true });

  it('rejects invalid hyper-parameters with PyTorch messages', () => {
    expect(() => new SGD([w()], { lr: -0.1 })).toThrow('Invalid learning rate: -0.1');
    expect(() => new SGD([w()], { lr: 0.1, momentum: -0.5 })).toThrow(
      'Invalid momentum value: -0.5',
    );
    expect(() => new SGD([w()], { lr: 0.1, weightDecay: -1 })).toThrow(
      'Invalid weight_decay value: -1',
    );
    expect(() => new SGD([w()], { lr: 0.1, nesterov: true })).toThrow(
      'Nesterov momentum requires a momentum and zero dampening',
    );
  });

  it('prints as print(optimizer) does', () => {
    expect(new SGD([w()], { lr: 0.001, momentum: 0.9 }).toString()).toBe(
      'SGD (\nParameter Group 0\n    dampening: 0\n    differentiable: False\n    foreach: None\n' +
        '    lr: 0.001\n    maximize: False\n    momentum: 0.9\n    nesterov: False\n' +
        '    weight_decay: 0\n)',
    );
  });
});
