/**
 * Test-only: the functional ops against PyTorch 1.13. The cases come from
 * `__fixtures__/nn-functional.json`, written by `tools/fixtures/nn_functional.py` (see its header
 * for the format); each test file holds a table of how each op of the fixture is called in
 * Nabla, and checks a case with `checkForward(id, ops)`. The gradients of the same cases are
 * checked in `packages/autograd/src/nn-functional.test.ts`, which reads this fixture too.
 *
 * Comparison rule (torch's reference is computed in float64 and rounded to float32; int32 values
 * must be equal):
 * - shapes and dtypes must match; NaN must match NaN, infinities must match exactly;
 * - other values `a` (ours) and `b` (torch's) must satisfy
 *   `|a - b| <= 1e-5 * max(|a|, |b|, floor)`, where `floor` is 1e-3 of the largest magnitude
 *   of the expected tensor: an absolute allowance of 1e-8 of that magnitude, which matters only
 *   for values near 0. A float32 result that is the sum of terms much larger than itself
 *   (a convolution's bias cancelling its sum, `x - mean` in batch norm) carries the rounding
 *   error of those terms, ~6e-8 of their size, which a purely relative bound would call a
 *   failure however the sum is computed.
 * - where torch raises, Nabla must throw a NablaError whose message starts with the op's name
 *   and contains torch's message (or the part of it the fixture names in `nabla`).
 */
import { readFileSync } from 'node:fs';
import type { AnyBackend, DType } from '@nabla/backend';
import { FUSED_NN_OPS, fixtureHashValues, fixtureNumber, withoutOps } from '@nabla/backend/testing';
import { cpuBackend } from '@nabla/backend-cpu';
import { expect } from 'vitest';
import { manualSeed, NablaError, type Tensor, tensor } from '../index.js';

/** An input tensor: stored values, or the seed of the fixture's hash. */
export interface TensorSpec {
  shape: number[];
  dtype: DType;
  data?: (number | string)[];
  gen?: number;
  lo?: number;
  hi?: number;
  requiresGrad?: boolean;
}

/** An expected tensor: all values, or every `step`-th (flat, row-major). */
export interface Expected {
  shape: number[];
  dtype: DType;
  data: (number | string)[];
  step?: number;
}

export interface NnCase {
  id: string;
  op: string;
  args: unknown[];
  seed?: number;
  grad?: TensorSpec | null | (TensorSpec | null)[];
  output?: Expected | Expected[];
  grads?: (Expected | null)[];
  error?: string;
  nabla?: string;
}

/** How each op of the fixture is called in Nabla. */
export type NnOpTable = Record<string, (...args: never[]) => Tensor | Tensor[]>;

export const RTOL = 1e-5;
/** The fraction of the tensor's largest expected magnitude below which values count as near 0. */
export const FLOOR = 1e-2;

export const CASES: readonly NnCase[] = JSON.parse(
  readFileSync(new URL('./__fixtures__/nn-functional.json', import.meta.url), 'utf8'),
) as NnCase[];

/** The ids of the cases of some ops, in the fixture's order. */
export function caseIds(...ops: string[]): string[] {
  const ids = CASES.filter((c) => ops.includes(c.op)).map((c) => c.id);
  if (ids.length === 0) throw new Error(`no fixture cases for ${ops.join(', ')}`);
  return ids;
}

export function caseOf(id: string): NnCase {
  const c = CASES.find((k) => k.id === id);
  if (c === undefined) throw new Error(`no fixture case '${id}'`);
  return c;
}

const isSpec = (v: unknown): v is TensorSpec =>
  typeof v === 'object' && v !== null && 'shape' in v && 'dtype' in v;

/** A fixture tensor (contiguous, on the default device). */
export function makeTensor(spec: TensorSpec): Tensor {
  const n = spec.shape.reduce((a, b) => a * b, 1);
  const values =
    spec.gen !== undefined
      ? fixtureHashValues(spec.gen, n, spec.lo, spec.hi)
      : (spec.data ?? []).map(fixtureNumber);
  const typed = spec.dtype === 'int32' ? Int32Array.from(values) : Float32Array.from(values);
  return tensor(typed, { dtype: spec.dtype }).reshape(spec.shape);
}

/** The case's arguments as Nabla values; `leaf` sees each tensor made (to mark leaves). */
export function decodeArgs(c: NnCase, leaf: (t: Tensor, spec: TensorSpec) => void = () => {}) {
  return c.args.map((a) => {
    if (!isSpec(a)) return a;
    const t = makeTensor(a);
    leaf(t, a);
    return t;
  });
}

/** Runs the case's op (after manualSeed when the case has a seed). */
export function runOp(c: NnCase, ops: NnOpTable, args: unknown[]): Tensor | Tensor[] {
  const fn = ops[c.op] as ((...a: unknown[]) => Tensor | Tensor[]) | undefined;
  if (fn === undefined) throw new Error(`no entry for op '${c.op}' in the op table`);
  if (c.seed !== undefined) manualSeed(c.seed);
  return fn(...args);
}

function sameValue(got: number, want: number, floor: number): boolean {
  if (Number.isNaN(want) || Number.isNaN(got)) return Number.isNaN(want) && Number.isNaN(got);
  if (got === want) return true;
  if (!Number.isFinite(want) || !Number.isFinite(got)) return false;
  return Math.abs(got - want) <= RTOL * Math.max(Math.abs(got), Math.abs(want), floor);
}

/** Compares `got` with an expected tensor under the rule above. */
export function compare(got: Tensor, want: Expected, what: string): void {
  expect([...got.shape], `${what}: shape`).toEqual(want.shape);
  expect(got.dtype, `${what}: dtype`).toBe(want.dtype);
  const all = Array.from(got.dataSync(), Number);
  const step = want.step ?? 1;
  const values = step === 1 ? all : all.filter((_, i) => i % step === 0);
  const wanted = want.data.map((v) => Math.fround(fixtureNumber(v)));
  expect(values.length, `${what}: number of values`).toBe(wanted.length);
  const largest = wanted.reduce((m, w) => (Number.isFinite(w) ? Math.max(m, Math.abs(w)) : m), 0);
  const floor = FLOOR * largest;
  const bad: string[] = [];
  wanted.forEach((w, i) => {
    const v = values[i] as number;
    const ok = want.dtype === 'float32' ? sameValue(v, w, floor) : Object.is(v, w);
    if (!ok) bad.push(`[${i * step}] torch ${w}, got ${v}`);
  });
  expect(bad.slice(0, 10), `${what}: values (${bad.length} of ${wanted.length} differ)`).toEqual(
    [],
  );
}

/** Checks that the op throws torch's error, named after the Nabla op. */
export function checkError(c: NnCase, ops: NnOpTable, args: unknown[], opName: string): void {
  const message = c.nabla ?? (c.error as string);
  let thrown: unknown = null;
  try {
    runOp(c, ops, args);
  } catch (e) {
    thrown = e;
  }
  expect(thrown, `${c.id}: throws`).toBeInstanceOf(NablaError);
  const text = (thrown as Error).message;
  expect(text.startsWith(`${opName}: `), `${c.id}: '${text}' names ${opName}`).toBe(true);
  expect(text, c.id).toContain(message);
}

/** Runs fixture case `id` on the current device and compares its output(s) with torch's. */
export function checkForward(id: string, ops: NnOpTable): void {
  const c = caseOf(id);
  const args = decodeArgs(c);
  if (c.error !== undefined) {
    checkError(c, ops, args, c.op);
    return;
  }
  const out = runOp(c, ops, args);
  const outs = Array.isArray(out) ? out : [out];
  const wants = Array.isArray(c.output) ? c.output : [c.output as Expected];
  expect(outs.length, `${id}: number of outputs`).toBe(wants.length);
  outs.forEach((o, i) => {
    compare(o, wants[i] as Expected, `${id}: output ${i}`);
  });
}

/**
 * The CPU backend both ways: with its fused conv2d / maxPool2d / batch-norm kernels, and without them, so
 * that the tensor layer's composites of primitives run (what a new backend gets).
 */
export const CPU_PATHS: [string, () => AnyBackend][] = [
  ['fused kernels', () => cpuBackend()],
  ['composite of primitives', () => withoutOps(cpuBackend(), FUSED_NN_OPS)],
];
