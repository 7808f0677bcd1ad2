import { numel } from '@nabla/backend';
import { fail, fmt } from './errors.js';
import type { ShapeArgs } from './types.js';

/** Flattens `(2, 3)` or `([2, 3])` into `[2, 3]`, checking every size is an integer. */
export function parseShape(op: string, args: ShapeArgs, arg = 'size'): number[] {
  const first = args[0];
  const list: readonly unknown[] = args.length === 1 && Array.isArray(first) ? first : args;
  const out: number[] = [];
  for (const s of list) {
    if (typeof s !== 'number' || !Number.isInteger(s)) {
      fail(op, `${arg} must be a list of integers, got ${JSON.stringify(list)}`);
    }
    out.push(s);
  }
  return out;
}

/** Checks sizes are not negative (creation ops). */
export function checkSizes(op: string, shape: readonly number[]): void {
  for (const s of shape) {
    if (s < 0) fail(op, `trying to create tensor with negative dimension ${s}: ${fmt(shape)}`);
  }
}

/** Resolves one `-1` in a target shape against `total` elements (`view`, `reshape`). */
export function inferShape(op: string, shape: readonly number[], total: number): number[] {
  const out = [...shape];
  const infer = out.indexOf(-1);
  if (out.lastIndexOf(-1) !== infer) fail(op, 'only one dimension can be inferred');
  for (const s of out) if (s < -1) fail(op, `invalid shape dimension ${s} in ${fmt(shape)}`);
  if (infer >= 0) {
    const rest = numel(out.filter((_, i) => i !== infer));
    if (rest === 0 || total % rest !== 0) {
      fail(op, `shape ${fmt(shape)} is invalid for input of size ${total}`);
    }
    out[infer] = total / rest;
  }
  if (numel(out) !== total) fail(op, `shape ${fmt(shape)} is invalid for input of size ${total}`);
  return out;
}
