/**
 * The autograd steps of the course's chapter 2 and its appendix (../shared/BOOK.md), line for
 * line. Expected strings are what PyTorch 1.13.1 prints for the same Python lines.
 */
import { describe, expect, it } from 'vitest';
import { torch } from './index.js';

const QUADRATIC_GRAD =
  'tensor([-8., -7., -6., -5., -4., -3., -2., -1.,  0.,  1.,  2.,  3.,  4.,  5.,\n' +
  '         6.,  7.,  8.])';
const SIGMOID_GRAD =
  'tensor([0.1050, 0.1261, 0.1491, 0.1731, 0.1966, 0.2179, 0.2350, 0.2461, 0.2500,\n' +
  '        0.2461, 0.2350, 0.2179, 0.1966, 0.1731, 0.1491, 0.1261, 0.1050])';

/** x = torch.tensor(np.arange(-2, 2.1, 0.25), requires_grad=True, dtype=torch.float32) */
const makeX = () =>
  torch.tensor(torch.arange(-2, 2.1, 0.25).tolist() as number[], {
    requiresGrad: true,
    dtype: torch.float32,
  });

describe('book chapter 2: autograd', () => {
  it('8. the gradient of a quadratic, accumulated, then zeroed', () => {
    const x = makeX();
    let y = x.pow(2).mul(2).add(2);
    let z = y.sum();
    expect(z.toString()).toBe('tensor(85., grad_fn=<SumBackward0>)');
    z.backward();
    expect(x.grad?.toString()).toBe(QUADRATIC_GRAD);
    // running the cell again without a reset accumulates
    y = x.pow(2).mul(2).add(2);
    z = y.sum();
    z.backward();
    expect(x.grad?.toString()).toBe(
      'tensor([-16., -14., -12., -10.,  -8.,  -6.,  -4.,  -2.,   0.,   2.,   4.,   6.,\n' +
        '          8.,  10.,  12.,  14.,  16.])',
    );
    x.grad?.zero_();
    expect(x.grad?.toString()).toBe(
      'tensor([0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0., 0.])',
    );
  });

  it('9. the sigmoid gradient y(1 - y), from Sigmoid and from its formula', () => {
    const x = makeX();
    x.sigmoid().sum().backward();
    expect(x.grad?.toString()).toBe(SIGMOID_GRAD);
    x.grad?.zero_();
    torch.tensor(1).float().div(torch.exp(x.neg()).add(1)).sum().backward();
    expect(x.grad?.toString()).toBe(SIGMOID_GRAD);
  });

  it('appendix: mean divides by 17, max splits the tie, a loop of += sums', () => {
    const x = makeX();
    x.pow(2).mul(2).add(2).mean().backward();
    expect(x.grad?.toString()).toBe(
      'tensor([-0.4706, -0.4118, -0.3529, -0.2941, -0.2353, -0.1765, -0.1176, -0.0588,\n' +
        '         0.0000,  0.0588,  0.1176,  0.1765,  0.2353,  0.2941,  0.3529,  0.4118,\n' +
        '         0.4706])',
    );
    x.grad?.zero_();
    x.pow(2).mul(2).add(2).max().backward();
    expect(x.grad?.toString()).toBe(
      'tensor([-4.,  0.,  0.,  0.,  0.,  0.,  0.,  0.,  0.,  0.,  0.,  0.,  0.,  0.,\n' +
        '         0.,  0.,  4.])',
    );
    x.grad?.zero_();
    const y = x.pow(2).mul(2).add(2);
    let z = torch.tensor(0.0).float();
    for (let i = 0; i < y.shape[0]!; i++) z = z.add(y.index(i));
    expect(z.toString()).toBe('tensor(85., grad_fn=<AddBackward0>)');
    z.backward();
    expect(x.grad?.toString()).toBe(QUADRATIC_GRAD);
  });

  it('max with a fresh gradient keeps the sign of zero, as PyTorch 1.13 does', () => {
    const x = makeX();
    x.pow(2).mul(2).add(2).max().backward();
    // a first backward stores the gradient as computed: 0 * (negative x) is -0
    expect(x.grad?.toString()).toBe(
      'tensor([-4., -0., -0., -0., -0., -0., -0., -0.,  0.,  0.,  0.,  0.,  0.,  0.,\n' +
        '         0.,  0.,  4.])',
    );
  });
});
