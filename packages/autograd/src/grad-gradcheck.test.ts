import { cpuBackend } from '@nabla/backend-cpu';
import type { Tensor } from '@nabla/tensor';
import * as torch from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { autodiff, gradcheck } from './index.js';

/**
 * gradcheck (central differences against backward()) over every differentiable op, one line
 * each. Inputs are seeded random tensors, kept away from the kinks where the derivative is not
 * defined: |x| >= 0.2 for abs / relu / sign / clamp bounds, positive values for log / sqrt / pow
 * bases, distinct values for max / min. Tensors that do not require grad (masks, indices) are
 * passed as inputs too, so gradcheck holds them constant. Each case reseeds the generator, so it
 * runs alone alike. `detach` is left out: its gradient is 0 by design, not the derivative.
 */
const gen = new torch.Generator(0);
const grad = (t: Tensor): Tensor => t.requiresGrad_(true);
const randn = (...shape: number[]): Tensor => grad(torch.randn(shape, { generator: gen }));
/** Uniform in [lo, hi). */
const uniform = (lo: number, hi: number, ...shape: number[]): Tensor => {
  const u = torch.rand(shape, { generator: gen });
  return grad(u.mul(hi - lo).add(lo));
};
/** |x| in [0.2, 2) with a random sign: away from the kink at 0. */
const signed = (...shape: number[]): Tensor => {
  const sign = torch.rand(shape, { generator: gen }).gt(0.5).float().mul(2).sub(1);
  return grad(torch.rand(shape, { generator: gen }).mul(1.8).add(0.2).mul(sign));
};
const mask = (...shape: number[]): Tensor => torch.rand(shape, { generator: gen }).gt(0.5);
const ints = (values: number[]): Tensor => torch.tensor(values, { dtype: 'int32' });

type Fn = (...inputs: Tensor[]) => Tensor | Tensor[];
const check = (fn: Fn, ...inputs: Tensor[]) => gradcheck(fn, inputs);

// biome-ignore format: one line per op
const CASES: [string, () => unknown][] = [
  ['add', () => check((a, b) => a.add(b), randn(3, 4), randn(3, 4))],
  ['add broadcast', () => check((a, b) => a.add(b), randn(3, 1), randn(4))],
  ['add scalar left', () => check((a) => torch.add(2.5, a), randn(2, 3))],
  ['add alpha', () => check((a, b) => a.add(b, 3), randn(2, 3), randn(3))],
  ['sub', () => check((a, b) => a.sub(b), randn(2, 1, 4), randn(3, 1))],
  ['sub scalar left', () => check((a) => torch.sub(1.5, a), randn(4))],
  ['mul', () => check((a, b) => a.mul(b), randn(3, 4), randn(3, 4))],
  ['mul broadcast transposed', () => check((a, b) => a.t().mul(b), randn(4, 3), randn(4))],
  ['div', () => check((a, b) => a.div(b), randn(3, 4), uniform(0.5, 2, 3, 4))],
  ['div scalar left', () => check((a) => torch.div(1.5, a), uniform(0.5, 2, 5))],
  ['pow tensor', () => check((a, b) => a.pow(b), uniform(0.5, 2, 3, 4), randn(3, 4))],
  ['pow scalar exponent', () => check((a) => a.pow(3), randn(6))],
  ['pow fractional exponent', () => check((a) => a.pow(-1.5), uniform(0.5, 2, 6))],
  ['pow scalar base', () => check((a) => torch.pow(2.5, a), randn(2, 3))],
  ['neg', () => check((a) => a.neg(), randn(3, 4))],
  ['abs', () => check((a) => a.abs(), signed(3, 4))],
  ['sign', () => check((a) => a.sign(), signed(3, 4))],
  ['exp', () => check((a) => a.exp(), randn(3, 4))],
  ['log', () => check((a) => a.log(), uniform(0.5, 3, 3, 4))],
  ['log1p', () => check((a) => a.log1p(), uniform(-0.5, 2, 3, 4))],
  ['sqrt', () => check((a) => a.sqrt(), uniform(0.5, 3, 3, 4))],
  ['rsqrt', () => check((a) => a.rsqrt(), uniform(0.5, 3, 3, 4))],
  ['sin', () => check((a) => a.sin(), randn(3, 4))],
  ['cos', () => check((a) => a.cos(), randn(3, 4))],
  ['tanh', () => check((a) => a.tanh(), randn(3, 4))],
  ['sigmoid', () => check((a) => a.sigmoid(), randn(3, 4))],
  ['relu', () => check((a) => a.relu(), signed(3, 4))],
  ['floor', () => check((a) => a.floor(), signed(3, 4))],
  ['ceil', () => check((a) => a.ceil(), signed(3, 4))],
  ['round', () => check((a) => a.round(), signed(3, 4))],
  ['erf', () => check((a) => a.erf(), randn(3, 4))],
  ['clamp', () => check((a) => a.clamp(-0.1, 0.1), signed(3, 4))],
  ['clamp min', () => check((a) => a.clamp(0.1, null), signed(3, 4))],
  ['maximum', () => check((a, b) => a.maximum(b), randn(3, 4), randn(3, 4))],
  ['minimum', () => check((a, b) => a.minimum(b), randn(3, 1), randn(4))],
  ['where', () => check((m, a, b) => torch.where(m, a, b), mask(3, 4), randn(3, 4), randn(4))],
  ['maskedFill', () => check((a, m) => a.maskedFill(m, 0.5), randn(3, 4), mask(3, 4))],
  ['sum', () => check((a) => a.sum(), randn(3, 4))],
  ['sum dims keepdim', () => check((a) => a.sum([0, 2], true), randn(2, 3, 4))],
  ['mean', () => check((a) => a.mean(), randn(3, 4))],
  ['mean dim', () => check((a) => a.mean(1), randn(3, 4))],
  ['prod', () => check((a) => a.prod(), uniform(0.5, 1.5, 6))],
  ['prod dim', () => check((a) => a.prod(1, true), randn(3, 4))],
  ['prod with a zero', () => check((a) => a.prod(), grad(torch.tensor([1.5, 0, -2, 0.5])))],
  ['max', () => check((a) => a.max(), randn(3, 4))],
  ['min', () => check((a) => a.min(), randn(3, 4))],
  ['max dim', () => check((a) => a.max(1).values, randn(3, 4))],
  ['min dim keepdim', () => check((a) => a.min(0, true).values, randn(3, 4))],
  ['var', () => check((a) => a.var(1), randn(3, 4))],
  ['var biased keepdim', () => check((a) => a.var(0, false, true), randn(3, 4))],
  ['var all', () => check((a) => a.var(), randn(3, 4))],
  ['std', () => check((a) => a.std(1), randn(3, 4))],
  ['std biased', () => check((a) => a.std(false), randn(3, 4))],
  ['logsumexp', () => check((a) => a.logsumexp(1), randn(3, 4))],
  ['logsumexp dims keepdim', () => check((a) => a.logsumexp([0, 2], true), randn(2, 3, 4))],
  ['softmax', () => check((a) => a.softmax(1), randn(3, 4))],
  ['softmax dim 0', () => check((a) => a.softmax(0), randn(3, 4))],
  ['logSoftmax', () => check((a) => a.logSoftmax(-1), randn(2, 3, 4))],
  ['matmul 1-D 1-D', () => check((a, b) => a.matmul(b), randn(4), randn(4))],
  ['matmul 2-D 1-D', () => check((a, b) => a.matmul(b), randn(3, 4), randn(4))],
  ['matmul 1-D 2-D', () => check((a, b) => a.matmul(b), randn(3), randn(3, 4))],
  ['matmul batched broadcast', () => check((a, b) => a.matmul(b), randn(2, 1, 2, 3), randn(2, 3, 2))],
  ['matmul transposed', () => check((a, b) => a.t().matmul(b.t()), randn(4, 3), randn(2, 4))],
  ['mm', () => check((a, b) => a.mm(b), randn(2, 3), randn(3, 4))],
  ['bmm', () => check((a, b) => a.bmm(b), randn(2, 3, 4), randn(2, 4, 2))],
  ['outer', () => check((a, b) => a.outer(b), randn(3), randn(4))],
  ['dot', () => check((a, b) => a.dot(b), randn(5), randn(5))],
  ['view', () => check((a) => a.view(3, 4), randn(2, 6))],
  ['reshape', () => check((a) => a.t().reshape(12), randn(3, 4))],
  ['flatten', () => check((a) => a.flatten(1), randn(2, 3, 2))],
  ['squeeze', () => check((a) => a.squeeze(), randn(1, 3, 1, 2))],
  ['unsqueeze', () => check((a) => a.unsqueeze(1), randn(3, 4))],
  ['permute', () => check((a) => a.permute(2, 0, 1), randn(2, 3, 4))],
  ['transpose', () => check((a) => a.transpose(0, 2), randn(2, 3, 4))],
  ['t', () => check((a) => a.t(), randn(3, 4))],
  ['expand', () => check((a) => a.expand(2, 3, 4), randn(3, 1))],
  ['contiguous', () => check((a) => a.t().contiguous(), randn(3, 4))],
  ['narrow', () => check((a) => a.narrow(1, 1, 3), randn(4, 5))],
  ['unfold', () => check((a) => a.unfold(1, 3, 1), randn(2, 5))],
  ['asStrided', () => check((a) => a.asStrided([3, 3], [1, 1], 1), randn(6))],
  ['cat', () => check((a, b) => torch.cat([a, b], 1), randn(2, 3), randn(2, 2))],
  ['cat the same tensor twice', () => check((a) => torch.cat([a, a]), randn(2, 3))],
  ['stack', () => check((a, b) => torch.stack([a, b], -1), randn(2, 3), randn(2, 3))],
  ['split', () => check((a) => a.split([1, 2], 1), randn(3, 3))],
  ['chunk', () => check((a) => a.chunk(2), randn(5, 2))],
  ['flip', () => check((a) => a.flip(0, 2), randn(2, 3, 2))],
  ['repeat', () => check((a) => a.repeat(2, 1, 2), randn(2, 3))],
  ['pad constant', () => check((a) => torch.pad(a, [1, 2, 0, 1], 'constant', 0.5), randn(2, 3))],
  ['pad reflect', () => check((a) => torch.pad(a, [2, 1], 'reflect'), randn(2, 4))],
  ['pad replicate', () => check((a) => torch.pad(a, [2, 3], 'replicate'), randn(2, 3))],
  ['index ints and slices', () => check((a) => a.index(1, '::2'), randn(3, 5))],
  ['index array with repeats', () => check((a) => a.index([1, 1, 3, 1]), randn(4, 3))],
  ['index bool mask', () => check((a, m) => a.index(m), randn(3, 4), mask(3, 4))],
  ['indexPut_ on a non-leaf', () => check((a, v) => a.mul(2).indexPut_([':', '1:3'], v), randn(3, 4), randn(3, 2))],
  ['indexPut_ array index', () => check((a, v) => a.mul(2).indexPut_([[0, 3]], v), randn(5, 2), randn(2))],
  ['gather', () => check((a) => a.gather(1, ints([0, 3, 3, 1, 2, 2]).reshape(3, 2)), randn(3, 4))],
  ['indexSelect', () => check((a) => a.indexSelect(0, [3, 0, 3]), randn(4, 3))],
  ['add_ on a non-leaf', () => check((a, b) => a.mul(2).add_(b), randn(3, 4), randn(4))],
  ['mul_ on a non-leaf', () => check((a) => a.mul(2).mul_(3), randn(3, 4))],
  ['div_ through a view', () => check((a) => { const y = a.mul(2); y.index(1).div_(4); return y; }, randn(3, 4))],
  ['copy_ through a view', () => check((a, b) => { const y = a.mul(2); y.index(':', 0).copy_(b); return y; }, randn(3, 4), randn(3))],
  ['clone', () => check((a) => a.clone(), randn(3, 4))],
];

beforeAll(() => torch.useDevice('cpu', autodiff(cpuBackend())));

describe('gradcheck passes for every differentiable op', () => {
  it.each(CASES)('%s', (_name, run) => {
    gen.manualSeed(0);
    expect(run()).toMatchObject({ ok: true });
  });
});
