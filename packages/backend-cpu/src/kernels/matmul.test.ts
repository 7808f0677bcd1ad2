import { describe, expect, it } from 'vitest';
import { cpuBackend } from '../cpu-backend.js';
import { laidOut, randomValues, seededRandom } from '../wasm/layouts.test.util.js';
import { matmulReference } from './matmul-reference.js';

describe('cpu matmul: which kernel runs', () => {
  const random = seededRandom(7);
  const [m, k, n] = [40, 300, 50];
  const a = laidOut(randomValues(random, 3 * m * k), [3], m, k, 'transposed');
  const b = laidOut(randomValues(random, k * n), [3], k, n, 'contiguous', true);
  const want = matmulReference(a, b).data;

  it('by default, large products give the reference results bit for bit, on 1 or 2 threads', () => {
    expect(cpuBackend().matmul(a, b).data).toEqual(want);
    expect(cpuBackend({ threads: 2 }).matmul(a, b).data).toEqual(want);
  });

  it('refuses options it does not know', () => {
    expect(() => cpuBackend({ threads: 0 })).toThrow(/threads must be a positive integer, got 0/);
    expect(() => cpuBackend({ threads: 1.5 })).toThrow(/threads/);
    const accumulator = 'float16' as 'float32';
    expect(() => cpuBackend({ matmulAccumulator: accumulator })).toThrow(/'float64' or 'float32'/);
  });

  it("with matmulAccumulator 'float32', large products sum in float32 (close, not equal)", () => {
    const got = cpuBackend({ matmulAccumulator: 'float32' }).matmul(a, b).data;
    let differ = 0;
    got.forEach((v, i) => {
      const w = want[i] as number;
      expect(Math.abs(v - w)).toBeLessThanOrEqual(1e-5 * (Math.abs(w) + 1));
      if (v !== w) differ++;
    });
    expect(differ).toBeGreaterThan(0);
  });

  it('small products (under 1024 multiply-adds) run on the reference kernel in either mode', () => {
    // 1 + 1e8 - 1e8: 1 in doubles, 0 in float32
    const x = laidOut([1, 1e8, -1e8], [], 1, 3, 'contiguous');
    const y = laidOut([1, 1, 1], [], 3, 1, 'contiguous');
    for (const matmulAccumulator of ['float32', 'float64'] as const) {
      expect(Array.from(cpuBackend({ matmulAccumulator }).matmul(x, y).data)).toEqual([1]);
    }
  });

  it('K = 0 gives zeros and M = 0 an empty result, whatever the other sizes', () => {
    const cpu = cpuBackend({ matmulAccumulator: 'float32' });
    const empty = laidOut([], [], 64, 0, 'contiguous');
    const none = laidOut([], [], 0, 64, 'contiguous');
    expect(Array.from(cpu.matmul(empty, none).data)).toEqual(new Array(64 * 64).fill(0));
    const wide = laidOut(new Array(64 * 64).fill(1), [], 64, 64, 'contiguous');
    expect(cpu.matmul(none, wide).size).toBe(0);
  });
});
