import { cpuBackend } from '@nabla/backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddingOptions, GeluOptions, Tensor } from '../index.js';
import * as torch from '../index.js';
import { caseIds, checkForward, type NnOpTable } from './fixtures.test.util.js';

/** linear, dropout, embedding and the activations against torch 1.13. */
const ops: NnOpTable = {
  linear: (x: Tensor, w: Tensor, b?: Tensor | null) => torch.linear(x, w, b),
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

beforeAll(() => torch.useDevice('cpu', cpuBackend()));

describe('functional ops match torch 1.13', () => {
  it.each(caseIds('linear'))('%s', (id) => checkForward(id, ops));
  // Debian's torch (the fixtures) has no MKL, so its dropout masks follow the 'aten' path
  it.each(caseIds('dropout', 'bookDropout'))('%s', (id) => {
    torch.setBernoulliAlgorithm('aten');
    try {
      checkForward(id, ops);
    } finally {
      torch.setBernoulliAlgorithm('mkl');
    }
  });
  it.each(caseIds('embedding'))('%s', (id) => checkForward(id, ops));
  it.each(caseIds('leakyRelu', 'gelu', 'hardtanh'))('%s', (id) => checkForward(id, ops));
});

describe('linear', () => {
  it("gives the book's chapter 5 outputs", () => {
    const x = torch.arange(-2, 2.1, 1).float().view(-1, 1);
    expect(torch.linear(x, torch.ones(1, 1).mul(2), torch.ones(1)).flatten().tolist()).toEqual([
      -3, -1, 1, 3, 5,
    ]);
  });
});

describe('dropout', () => {
  it('returns the input itself outside training and for p = 0', () => {
    const x = torch.randn(3);
    expect(torch.dropout(x, 0.5, false)).toBe(x);
    expect(torch.dropout(x, 0)).toBe(x);
  });

  it('keeps the expected value: kept elements are scaled by 1 / (1 - p)', () => {
    torch.manualSeed(0);
    const y = torch.dropout(torch.ones(10000), 0.25);
    const values = new Set(y.tolist() as number[]);
    expect([...values].sort()).toEqual([0, 4 / 3].map(Math.fround).sort());
    expect(y.mean().item()).toBeCloseTo(1, 1);
  });

  // The book ran on Colab, whose PyTorch is built with MKL on an Intel CPU: there bernoulli_(p)
  // seeds an MKL MCG31m1 stream with one 32-bit draw of the generator; that is Nabla's default.
  it("reproduces the book's chapter 10 mask (PyTorch built with MKL, the default)", () => {
    torch.manualSeed(123);
    const y = torch.dropout(torch.randn(1, 10), 0.5);
    const book = [-0, 0.2407, -0, -0.4808, -0, 0, -1.9447, -0, 0.6478, -0.217];
    expect((y.flatten().tolist() as number[]).map((v) => Math.round(v * 1e4) / 1e4)).toEqual(book);
  });
});

describe('activations', () => {
  it('gelu(1.5) is 1.5 Φ(1.5) and leakyRelu scales negatives', () => {
    expect(torch.gelu(torch.tensor([1.5])).item()).toBeCloseTo(1.5 * 0.9331928, 6);
    expect(torch.leakyRelu(torch.tensor([-2, 3]).float(), 0.1).tolist()).toEqual([
      Math.fround(-0.2),
      3,
    ]);
  });
});
