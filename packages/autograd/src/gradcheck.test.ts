import { cpuBackend } from '@nabla/backend-cpu';
import type { Tensor } from '@nabla/tensor';
import * as torch from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { autodiff, gradcheck } from './index.js';

const vector = (values: number[]): Tensor => torch.tensor(values, { requiresGrad: true });

beforeAll(() => torch.useDevice('cpu', autodiff(cpuBackend())));

describe('gradcheck', () => {
  it('accepts a correct gradient and reports how many Jacobian entries it compared', () => {
    const x = vector([0.5, -1.25, 2]);
    const report = gradcheck((a) => a.mul(a).sum(), [x]);
    expect(report).toMatchObject({ ok: true, checked: 3, mismatches: [] });
    expect(report.maxAbsError).toBeLessThan(1e-2);
    expect(x.grad).toBeNull();
  });

  it('compares every output element with every input element', () => {
    // y = a * b: a 3 x 3 Jacobian per input, diagonal
    const report = gradcheck((a, b) => a.mul(b), [vector([1, 2, 3]), vector([0.5, -1, 4])]);
    expect(report).toMatchObject({ ok: true, checked: 18 });
  });

  it('throws at a wrong gradient, naming the input, the element and both values', () => {
    // x * x.detach() has the analytic gradient x; the function's true derivative is 2x
    const f = (a: Tensor) => a.mul(a.detach());
    expect(() => gradcheck(f, [vector([1.5, -2])])).toThrow(
      /output 0 with respect to input 0, element 0 \(index \[0\]\), output element 0: analytic 1\.5, numeric 3[\d.]* /,
    );
  });

  it('returns the mismatches instead when raiseException is false', () => {
    const f = (a: Tensor, b: Tensor) => a.add(b.mul(b.detach()));
    const report = gradcheck(f, [vector([1, 2]), vector([3, -1])], { raiseException: false });
    expect(report.ok).toBe(false);
    expect(report.mismatches.map((m) => [m.input, m.element, m.outputElement])).toEqual([
      [1, 0, 0],
      [1, 1, 1],
    ]);
    expect(report.mismatches[0]?.analytic).toBe(3);
    expect(report.mismatches[0]?.numeric).toBeCloseTo(6, 2);
  });

  it('holds inputs that do not require grad constant', () => {
    const c = torch.tensor([2, 3]);
    expect(gradcheck((a, b) => a.mul(b), [vector([1, -1]), c])).toMatchObject({
      ok: true,
      checked: 4,
    });
  });

  it('checks each output of a function that returns several', () => {
    const report = gradcheck((a) => a.mul(3).split(2), [vector([1, 2, 3, 4, 5])]);
    // outputs of 2, 2 and 1 elements, 5 input elements
    expect(report).toMatchObject({ ok: true, checked: 25 });
  });

  it('names the multi-dimensional index of the element', () => {
    const x = torch.tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { requiresGrad: true },
    );
    // x[1, 0] counts twice in the value, once in the gradient (the second term is detached)
    const f = (a: Tensor) => a.sum().add(a.index(1, 0).detach());
    expect(() => gradcheck(f, [x])).toThrow(/input 0, element 2 \(index \[1, 0\]\)/);
  });

  it('refuses a check with no input that requires grad', () => {
    expect(() => gradcheck((a) => a.exp(), [torch.tensor([1, 2])])).toThrow(
      'gradcheck: expects at least one input tensor to require gradient',
    );
  });
});
