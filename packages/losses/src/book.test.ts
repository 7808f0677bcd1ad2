/**
 * The losses as the course (BOOK.md) uses them: the chapter 3 MSE by hand and with MSELoss, the
 * chapter 7 NLLLoss demo (-6.25), and chapter 7's three equivalent ways to train a classifier:
 * CrossEntropyLoss on scores, LogSoftmax + NLLLoss, Softmax + log + NLLLoss.
 */
import { autodiff } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import {
  logSoftmax,
  manualSeed,
  noGrad,
  randn,
  softmax,
  type Tensor,
  tensor,
  useDevice,
} from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { CrossEntropyLoss } from './cross-entropy.js';
import { caseById, closeTo, expectClose } from './golden.test.util.js';
import { MSELoss } from './mse-loss.js';
import { NLLLoss } from './nll-loss.js';

beforeAll(() => {
  useDevice('cpu', autodiff(cpuBackend()));
});

/** `p -= lr * p.grad` outside the graph, then `p.grad = None` (optimizer.step, zero_grad). */
function sgdStep(p: Tensor, lr: number): void {
  noGrad(() => p.sub_((p.grad as Tensor).mul(lr)));
  p.grad = null;
}

const BOOK_X = [
  [1, 2, 3],
  [4, 5, 6],
  [7, 8, 9],
  [10, 11, 12],
];

describe('chapter 3: MSE by hand and nn.MSELoss', () => {
  it('gives loss 13.3520 and the gradients W.grad = -19.04, B.grad = 2', () => {
    const X = tensor([-5, 5, 0, 2, -2], { dtype: 'float32' });
    const Y = tensor([-6.7, 10.3, -3.3, 5.0, -5.3]);
    const grads = (loss: (yp: Tensor) => Tensor): number[] => {
      const W = tensor(1.0, { requiresGrad: true });
      const B = tensor(1.0, { requiresGrad: true });
      const l = loss(W.mul(X).add(B));
      expect(l.item()).toBeCloseTo(13.352, 4);
      l.backward();
      return [W.grad?.item() ?? Number.NaN, B.grad?.item() ?? Number.NaN];
    };
    const byHand = grads((yp) => yp.sub(Y).pow(2).mean());
    const criterion = new MSELoss();
    const withLoss = grads((yp) => criterion(yp, Y));
    expect(withLoss[0]).toBeCloseTo(-19.04, 4);
    expect(withLoss[1]).toBeCloseTo(2, 5);
    expect(withLoss[0]).toBeCloseTo(byHand[0] as number, 5);
    expect(withLoss[1]).toBeCloseTo(byHand[1] as number, 5);
  });
});

describe('chapter 7: NLLLoss and CrossEntropyLoss', () => {
  it('NLLLoss on the raw values [[1,2,3],...,[10,11,12]] with labels [0,1,2,0] is -6.25', () => {
    const outputs = tensor(BOOK_X, { dtype: 'float32' });
    const labels = tensor([0, 1, 2, 0]);
    const criterion = new NLLLoss();
    const loss = criterion(outputs, labels);
    expect(loss.item()).toBe(-6.25);
    expect(String(criterion)).toBe('NLLLoss()');
  });

  it('CrossEntropyLoss = LogSoftmax + NLLLoss = Softmax + log + NLLLoss, values and gradients', () => {
    const golden = caseById('ce_book_ch07');
    const labels = tensor([0, 1, 2, 0]);
    const patterns: Record<string, (x: Tensor) => Tensor> = {
      'CrossEntropyLoss()': (x) => new CrossEntropyLoss()(x, labels),
      'LogSoftmax(dim=1) + NLLLoss()': (x) => new NLLLoss()(logSoftmax(x, 1), labels),
      'Softmax(dim=1) + torch.log + NLLLoss()': (x) => new NLLLoss()(softmax(x, 1).log(), labels),
    };
    for (const [name, loss] of Object.entries(patterns)) {
      const x = tensor(BOOK_X, { dtype: 'float32', requiresGrad: true });
      const l = loss(x);
      expectClose(l, golden.expected.output, name);
      l.backward();
      expectClose(x.grad as Tensor, golden.expected.inputGrad!, `${name}: gradient`);
    }
  });

  it('the three patterns train a linear model the same way (weights after 100 SGD steps)', () => {
    manualSeed(123);
    const inputs = randn(75, 2);
    const labels = tensor(Array.from({ length: 75 }, (_, i) => i % 3));
    const patterns = [
      (o: Tensor) => new CrossEntropyLoss()(o, labels),
      (o: Tensor) => new NLLLoss()(logSoftmax(o, 1), labels),
      (o: Tensor) => new NLLLoss()(softmax(o, 1).log(), labels),
    ];
    const finals = patterns.map((loss) => {
      // nn.Linear(2, 3) with weight and bias filled with 1, as in the chapter
      const W = tensor(
        [
          [1, 1],
          [1, 1],
          [1, 1],
        ],
        { dtype: 'float32', requiresGrad: true },
      );
      const b = tensor([1, 1, 1], { dtype: 'float32', requiresGrad: true });
      for (let epoch = 0; epoch < 100; epoch++) {
        loss(inputs.matmul(W.t()).add(b)).backward();
        sgdStep(W, 0.01);
        sgdStep(b, 0.01);
      }
      return [...W.dataSync(), ...b.dataSync()];
    });
    const [ce, logSoftmaxNll, softmaxLogNll] = finals as [number[], number[], number[]];
    ce.forEach((v, i) => {
      expect(closeTo(logSoftmaxNll[i] as number, v), `LogSoftmax + NLLLoss, [${i}]`).toBe(true);
      expect(closeTo(softmaxLogNll[i] as number, v), `Softmax + log + NLLLoss, [${i}]`).toBe(true);
    });
  });
});
