import { sameDevice } from '../core.js';
import { fail, fmt } from '../errors.js';
import type { Tensor } from '../tensor.js';

/** One size for both spatial dimensions, or `[height, width]` (PyTorch's `_pair`). */
export type IntPair = number | readonly [number, number];

/** `value` as `[height, width]`, checking that both are integers. */
export function pairOf(op: string, arg: string, value: IntPair): [number, number] {
  const pair: readonly unknown[] = typeof value === 'number' ? [value, value] : value;
  if (
    !Array.isArray(pair) ||
    pair.length !== 2 ||
    pair.some((v) => typeof v !== 'number' || !Number.isInteger(v))
  ) {
    fail(op, `${arg} must be an integer or a pair of integers, got ${JSON.stringify(value)}`);
  }
  return [pair[0] as number, pair[1] as number];
}

/** Checks the tensors that are given are float32 and on one device. */
export function checkFloat(op: string, tensors: Record<string, Tensor | null | undefined>): void {
  const given = Object.entries(tensors).filter((e): e is [string, Tensor] => e[1] != null);
  for (const [name, t] of given) {
    if (t.dtype !== 'float32') {
      fail(op, `expected ${name} to be a float32 tensor, got ${t.dtype} (shape ${fmt(t.shape)})`);
    }
  }
  sameDevice(
    op,
    given.map((e) => e[1]),
  );
}
