/**
 * Chapter 3 of the course (../shared/BOOK.md): gradient descent by hand on the height and
 * weight data. Expected values are what PyTorch 1.13.1 prints for the same Python lines.
 */
import { describe, expect, it } from 'vitest';
import { torch } from './index.js';

/** The centred data: X = x - x.mean(), Y = y - y.mean() of the five people. */
function data() {
  const heights = [166, 176, 171, 173, 169];
  const weights = [58.7, 75.7, 62.1, 70.4, 60.1];
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const X = torch.tensor(heights.map((h) => h - mean(heights))).float();
  const Y = torch.tensor(weights.map((w) => w - mean(weights))).float();
  return { X, Y };
}

function model() {
  const W = torch.tensor(1.0, { requiresGrad: true }).float();
  const B = torch.tensor(1.0, { requiresGrad: true }).float();
  const pred = (X: torch.Tensor) => W.mul(X).add(B);
  const mse = (Yp: torch.Tensor, Y: torch.Tensor) => Yp.sub(Y).pow(2).mean();
  return { W, B, pred, mse };
}

describe('book chapter 3: the first machine learning', () => {
  it('the data, the prediction, the loss and its gradients', () => {
    const { X, Y } = data();
    expect(X.toString()).toBe('tensor([-5.,  5.,  0.,  2., -2.])');
    expect(Y.toString()).toBe('tensor([-6.7000, 10.3000, -3.3000,  5.0000, -5.3000])');
    const { W, B, pred, mse } = model();
    const Yp = pred(X);
    expect(Yp.toString()).toBe('tensor([-4.,  6.,  1.,  3., -1.], grad_fn=<AddBackward0>)');
    const loss = mse(Yp, Y);
    expect(loss.toString()).toBe('tensor(13.3520, grad_fn=<MeanBackward0>)');
    loss.backward();
    expect(W.grad?.toString()).toBe('tensor(-19.0400)');
    expect(B.grad?.toString()).toBe('tensor(2.0000)');
  });

  it('W -= lr * W.grad throws, and the noGrad update that follows works', () => {
    const { X, Y } = data();
    const { W, B, pred, mse } = model();
    mse(pred(X), Y).backward();
    const lr = 0.001;
    expect(() => W.sub_(W.grad!.mul(lr))).toThrow(
      'sub_: a leaf Variable that requires grad is being used in an in-place operation',
    );
    torch.noGrad(() => {
      W.sub_(W.grad!.mul(lr));
      B.sub_(B.grad!.mul(lr));
      W.grad!.zero_();
      B.grad!.zero_();
    });
    expect(W.toString()).toBe('tensor(1.0190, requires_grad=True)');
    expect(B.toString()).toBe('tensor(0.9980, requires_grad=True)');
    expect(W.grad?.toString()).toBe('tensor(0.)');
  });

  it("500 epochs of gradient descent reach PyTorch's loss and parameters", () => {
    const { X, Y } = data();
    const { W, B, pred, mse } = model();
    const lr = 0.001;
    const history: number[] = [];
    let loss = mse(pred(X), Y);
    for (let epoch = 0; epoch < 500; epoch++) {
      loss = mse(pred(X), Y);
      loss.backward();
      torch.noGrad(() => {
        W.sub_(W.grad!.mul(lr));
        B.sub_(B.grad!.mul(lr));
        W.grad!.zero_();
        B.grad!.zero_();
      });
      if (epoch % 10 === 0) history.push(loss.item());
    }
    expect(history.slice(0, 3)).toEqual([13.352002143859863, 10.38550853729248, 8.517291069030762]);
    expect(history.length).toBe(50);
    expect(history[49]).toBeCloseTo(4.679616928100586, 5);
    expect(W.toString()).toBe('tensor(1.8207, requires_grad=True)');
    expect(B.toString()).toBe('tensor(0.3675, requires_grad=True)');
    expect(loss.item().toFixed(4)).toBe('4.6746');
  });
});
