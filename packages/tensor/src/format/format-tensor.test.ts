import { readFileSync } from 'node:fs';
import type { DType } from '@nabla/backend';
import { afterEach, describe, expect, it } from 'vitest';
import { formatTensor, type PrintOptions, resetPrintoptions, setPrintoptions } from './index.js';

/** A case of __fixtures__/format.json, written by tools/fixtures/format.py from torch 1.13. */
interface FormatCase {
  readonly name: string;
  readonly shape: number[];
  readonly dtype: DType;
  readonly requiresGrad?: boolean;
  readonly gradFn?: string;
  readonly device?: string;
  readonly printOptions?: Partial<PrintOptions>;
  /** repr(t) in torch. */
  readonly expected: string;
  /** Row-major; NaN and the infinities as strings, bools as 0 / 1. */
  readonly values: (number | string)[];
}

const cases = JSON.parse(
  readFileSync(new URL('./__fixtures__/format.json', import.meta.url), 'utf8'),
) as FormatCase[];

/** The values as Nabla stores them for the dtype. */
function stored(c: FormatCase): ArrayLike<number> {
  const numbers = c.values.map(Number); // Number('NaN'), Number('-Infinity')
  if (c.dtype === 'float32') return Float32Array.from(numbers);
  if (c.dtype === 'int32') return Int32Array.from(numbers);
  return Uint8Array.from(numbers);
}

afterEach(() => resetPrintoptions());

describe('formatTensor matches torch 1.13 repr', () => {
  it('has the fixture cases', () => {
    expect(cases.length).toBeGreaterThan(100);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { requiresGrad, gradFn, device, printOptions } = c;
    expect(
      formatTensor(stored(c), c.shape, c.dtype, { requiresGrad, gradFn, device, printOptions }),
    ).toBe(c.expected);
  });

  it.each(cases.filter((c) => c.printOptions).map((c) => [c.name, c] as const))(
    '%s, through setPrintoptions',
    (_name, c) => {
      setPrintoptions(c.printOptions ?? {});
      const { requiresGrad, gradFn, device } = c;
      expect(formatTensor(stored(c), c.shape, c.dtype, { requiresGrad, gradFn, device })).toBe(
        c.expected,
      );
    },
  );
});

describe('formatTensor', () => {
  // Decided difference from PyTorch: int32 is Nabla's default integer (torch's int64), so it
  // prints with no dtype; torch would print tensor([2, 0], dtype=torch.int32).
  it('prints int32 as torch prints int64, with no dtype', () => {
    expect(formatTensor(Int32Array.of(2, 0), [2], 'int32')).toBe('tensor([2, 0])');
  });

  it('names the dtype of an empty int32 tensor as int32', () => {
    expect(formatTensor(new Int32Array(0), [0], 'int32')).toBe('tensor([], dtype=torch.int32)');
  });

  it('accepts plain arrays and leaves the cpu device out', () => {
    expect(formatTensor([1, 2], [2], 'float32', { device: 'cpu' })).toBe('tensor([1., 2.])');
  });

  it('shows grad_fn instead of requires_grad', () => {
    const options = { requiresGrad: true, gradFn: 'AddBackward0' };
    expect(formatTensor([1], [], 'float32', options)).toBe('tensor(1., grad_fn=<AddBackward0>)');
  });

  it('lets per-call options override setPrintoptions without changing it', () => {
    setPrintoptions({ precision: 2 });
    const values = Float32Array.of(1.23456);
    expect(formatTensor(values, [1], 'float32', { printOptions: { precision: 6 } })).toBe(
      'tensor([1.234560])',
    );
    expect(formatTensor(values, [1], 'float32')).toBe('tensor([1.23])');
  });

  it('prints every element under the full profile', () => {
    setPrintoptions({ profile: 'full' });
    const text = formatTensor(new Float32Array(2000), [2000], 'float32');
    expect(text).not.toContain('...');
    expect(text.match(/0\./g)).toHaveLength(2000);
  });

  it('rejects values that do not fill the shape', () => {
    expect(() => formatTensor([1, 2, 3], [2, 2], 'float32')).toThrow(
      'formatTensor: shape [2, 2] holds 4 elements but values has 3',
    );
    expect(() => formatTensor([], [-1], 'float32')).toThrow(
      'formatTensor: shape must hold non-negative integers',
    );
  });

  it('rejects bad print options', () => {
    expect(() => formatTensor([1], [1], 'float32', { printOptions: { precision: -1 } })).toThrow(
      'formatTensor: precision must be a non-negative integer, got -1',
    );
  });
});
