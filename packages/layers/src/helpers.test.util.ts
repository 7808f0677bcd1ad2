/**
 * Test-only helpers: the CPU device with autodiff, and fixtures written by
 * tools/fixtures/layers.py with Debian's python3-torch 1.13.1.
 */
import { readFileSync } from 'node:fs';
import { autodiff } from '@nabla/autograd';
import { fixtureNumber } from '@nabla/backend/testing';
import { cpuBackend } from '@nabla/backend-cpu';
import {
  getBernoulliAlgorithm,
  setBernoulliAlgorithm,
  Tensor,
  tensor,
  useDevice,
} from '@nabla/tensor';
import { expect } from 'vitest';

/** Makes 'cpu' the autodiff CPU backend, as the umbrella package does. */
export function useCpu(): void {
  useDevice('cpu', autodiff(cpuBackend()));
}

/**
 * Runs `fn` drawing `bernoulli_` (so Dropout's masks) as Debian's python3-torch does: its
 * build has no MKL and draws one 53-bit uniform per element ('aten'), where the pip wheels
 * that printed the book's masks use MKL's stream ('mkl', Nabla's default). The fixtures come
 * from Debian's torch.
 */
export function likeDebianTorch<T>(fn: () => T): T {
  const before = getBernoulliAlgorithm();
  setBernoulliAlgorithm('aten');
  try {
    return fn();
  } finally {
    setBernoulliAlgorithm(before);
  }
}

/** A tensor of a fixture: flat float32 (or int) values and a shape. */
export interface TensorJson {
  data: (number | string)[];
  shape: number[];
  dtype?: 'float32' | 'int32' | 'bool';
}

/** A fixture tensor as a Nabla tensor. */
export function fromJson(t: TensorJson): Tensor {
  const values = t.data.map(fixtureNumber);
  const dtype = t.dtype ?? 'float32';
  const typed =
    dtype === 'float32'
      ? Float32Array.from(values)
      : dtype === 'int32'
        ? Int32Array.from(values)
        : Uint8Array.from(values);
  return tensor(typed, { dtype }).reshape(t.shape);
}

/** Reads `__fixtures__/<name>.json`. */
export function readFixture<T>(name: string): T {
  return JSON.parse(
    readFileSync(new URL(`./__fixtures__/${name}.json`, import.meta.url), 'utf8'),
  ) as T;
}

/**
 * The comparison rule of the layer tests: equal shapes, and each float32 value `a` (ours) within
 * `|a - b| <= rtol * max(|a|, |b|) + atol * max_i |b_i|` of torch's `b`: 1e-5 relative to the
 * value, plus 1e-6 of the largest magnitude in torch's tensor, for values that cancel to
 * nearly zero (a BatchNorm output near the mean, a gradient summed from terms of both signs):
 * float32 sums in another order differ by a few units in the last place of the terms, not of
 * the result. `exact` asks for the same float32 bits. NaN matches NaN.
 */
export function expectClose(
  got: Tensor,
  want: TensorJson | Tensor,
  what: string,
  { rtol = 1e-5, atol = 1e-6, exact = false } = {},
): void {
  const w = want instanceof Tensor ? want : fromJson(want);
  expect([...got.shape], `${what}: shape`).toEqual([...w.shape]);
  const a = Array.from(got.dataSync(), Number);
  const b = Array.from(w.dataSync(), Number);
  const scale = b.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 0);
  const bad: string[] = [];
  for (let i = 0; i < b.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (Object.is(x, y) || (Number.isNaN(x) && Number.isNaN(y))) continue;
    const diff = Math.abs(x - y);
    if (!exact && diff <= rtol * Math.max(Math.abs(x), Math.abs(y)) + atol * scale) continue;
    bad.push(`[${i}] torch ${y}, got ${x}`);
  }
  expect(bad.slice(0, 10), `${what}: ${bad.length} of ${b.length} values differ`).toEqual([]);
}
