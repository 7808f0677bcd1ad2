/**
 * Test-only: golden-value checks of tensor ops against PyTorch 1.13, as tinygrad's
 * `helper_test_op`. The values come from `__fixtures__/ops.json`, written by
 * `tools/fixtures/ops.py` (see its docstring for the format); each test file holds a table of
 * how each op of the fixture is called in Nabla, and checks a case with `checkOp(id, ops)`.
 *
 * Comparison rule:
 * - shapes and dtypes must match exactly (torch's int64 is Nabla's int32);
 * - int32 and bool values, and float32 values of cases marked `exact` (ops torch computes
 *   exactly: movement, indexing, comparisons, max / min, add / sub / mul of representable
 *   values, ...), must be equal (`Object.is`: NaN matches NaN, -0 does not match 0);
 * - other float32 values `a` (ours) and `b` (torch's) must satisfy
 *   `|a - b| <= 1e-6 * max(|a|, |b|)`, or, where torch's value is tiny (`|b| < 1e-6`, e.g.
 *   0 or an underflowed exp), `|a - b| <= 1e-7`. Infinities must match exactly.
 * - where torch raises, Nabla must throw a NablaError.
 */
import { readFileSync } from 'node:fs';
import type { DType } from '@nabla/backend';
import { FixtureCases, fixtureNumber } from '@nabla/backend/testing';
import { expect } from 'vitest';
import { type Index, NablaError, Tensor, tensor } from './index.js';

/** A tensor of the fixture; `view` is applied after making it (a non-contiguous input). */
interface TensorJson {
  data: (number | boolean | string)[];
  shape: number[];
  dtype: DType;
  view?: [string, ...unknown[]];
}

type Expected = TensorJson | TensorJson[] | { value: unknown } | { error: true };

interface OpCase {
  id: string;
  group: string;
  op: string;
  args: unknown[];
  expected: Expected;
  exact?: boolean;
}

/** How each op of the fixture is called in Nabla: `{ add: (a, b) => torch.add(a, b) }`. */
export type OpTable = Record<string, (...args: never[]) => unknown>;

export const RTOL = 1e-6;
export const ATOL = 1e-7;
/** Below this magnitude torch's value counts as tiny and ATOL applies. */
export const TINY = 1e-6;

const CASES = new FixtureCases(
  JSON.parse(readFileSync(new URL('./__fixtures__/ops.json', import.meta.url), 'utf8')) as OpCase[],
);

/** The ids of the fixture's cases of one group, in the fixture's order. */
export function caseIds(group: string): string[] {
  return CASES.ids((c) => c.group === group, `group '${group}'`);
}

const isTensorJson = (v: unknown): v is TensorJson =>
  typeof v === 'object' && v !== null && 'data' in v && 'shape' in v && 'dtype' in v;

/** A fixture tensor as a Nabla tensor, with its view op applied. */
function makeTensor(t: TensorJson): Tensor {
  const numbers = t.data.map(fixtureNumber);
  const values =
    t.dtype === 'float32'
      ? Float32Array.from(numbers)
      : t.dtype === 'int32'
        ? Int32Array.from(numbers)
        : Uint8Array.from(numbers);
  const x = tensor(values, { dtype: t.dtype }).reshape(t.shape);
  if (t.view === undefined) return x;
  const [kind, ...rest] = t.view;
  if (kind === 'transpose') return x.transpose(rest[0] as number, rest[1] as number);
  if (kind === 'permute') return x.permute(rest[0] as number[]);
  if (kind === 'index') return x.index(...(decode(rest[0]) as Index[]));
  if (kind === 'expand') return x.expand(rest[0] as number[]);
  throw new Error(`unknown view op '${kind}'`);
}

/** Fixture arguments as Nabla arguments: tensors made, lists walked, the rest as they are. */
function decode(v: unknown): unknown {
  if (isTensorJson(v)) return makeTensor(v);
  if (Array.isArray(v)) return v.map(decode);
  return v;
}

function sameValue(got: number, want: number, exact: boolean): boolean {
  if (Number.isNaN(want) || Number.isNaN(got)) return Number.isNaN(want) && Number.isNaN(got);
  if (exact) return Object.is(got, want); // the sign of a zero counts: 1 / -0 is -inf
  if (got === want) return true;
  const diff = Math.abs(got - want);
  if (diff <= RTOL * Math.max(Math.abs(got), Math.abs(want))) return true;
  return Math.abs(want) < TINY && diff <= ATOL;
}

function checkTensor(got: unknown, want: TensorJson, exact: boolean, what: string): void {
  expect(got, `${what}: a tensor`).toBeInstanceOf(Tensor);
  const t = got as Tensor;
  expect({ shape: [...t.shape], dtype: t.dtype }, `${what}: shape and dtype`).toEqual({
    shape: want.shape,
    dtype: want.dtype,
  });
  const values = Array.from(t.dataSync(), Number);
  // the fixture's decimals are float32 values: read them as float32, as makeTensor does
  const wanted = want.data.map((v) => Math.fround(fixtureNumber(v)));
  const bad: string[] = [];
  wanted.forEach((w, i) => {
    const g = values[i] as number;
    if (!sameValue(g, w, exact || want.dtype !== 'float32'))
      bad.push(`[${i}] torch ${w}, got ${g}`);
  });
  expect(bad, `${what}: values (${bad.length} of ${wanted.length} differ)`).toEqual([]);
}

/** Runs fixture case `id` through `ops[case.op]` and compares with torch's result. */
export function checkOp(id: string, ops: OpTable): void {
  const c = CASES.get(id);
  const fn = ops[c.op] as ((...args: unknown[]) => unknown) | undefined;
  if (fn === undefined) throw new Error(`no entry for op '${c.op}' in the op table`);
  const run = (): unknown => fn(...(decode(c.args) as unknown[]));
  const want = c.expected;
  if ('error' in want) {
    expect(run, `${id}: torch raises`).toThrow(NablaError);
    return;
  }
  const got = run();
  const exact = c.exact === true;
  if ('value' in want) {
    expect(got, id).toEqual(want.value);
  } else if (Array.isArray(want)) {
    expect(Array.isArray(got), `${id}: a list of tensors`).toBe(true);
    const list = got as unknown[];
    expect(list.length, `${id}: number of tensors`).toBe(want.length);
    want.forEach((w, i) => {
      checkTensor(list[i], w, exact, `${id}[${i}]`);
    });
  } else {
    checkTensor(got, want, exact, id);
  }
}
