/**
 * Test-only: gradient checks of tensor ops against PyTorch 1.13, as tinygrad's `helper_test_op`
 * compares gradients. The cases come from `__fixtures__/grads.json`, written by
 * `tools/fixtures/grads.py` (see its header for the format); each test file holds a table of how
 * each op of the fixture is called in Nabla, and checks a case with
 * `checkGrad(id, ops, torch.tensor)`.
 *
 * A case makes its leaves (contiguous, `requiresGrad` where the fixture says so), applies each
 * leaf's view, runs the op, back-propagates the stored upstream gradient (`backward(grad)`, or
 * `backward()` on a one-element output; one `backward(g, { retainGraph: true })` per output for
 * ops that return several tensors) and compares every leaf's `.grad` with torch's.
 *
 * Comparison rule (torch's reference is computed in float64 and rounded to float32):
 * - shapes must match; a leaf torch leaves without gradient (None) must have `.grad === null`;
 * - NaN must match NaN, and infinities must match exactly;
 * - other values `a` (ours) and `b` (torch's) must satisfy `|a - b| <= 1e-5 * max(|a|, |b|)`,
 *   or, only where torch's value is near 0 (`|b| < 1e-6`, e.g. a gradient that cancels to 0),
 *   `|a - b| <= 1e-7`: float32 gives 0 where the float64 reference has a remnant of ~1e-9
 *   (sigmoid(20) rounds to 1, so its gradient y * (1 - y) is 0), or sums that cancel.
 * - where torch raises (forward or backward), Nabla must throw.
 */
import { readFileSync } from 'node:fs';
import type { DType } from '@nabla/backend';
import { FixtureCases, fixtureNumber } from '@nabla/backend/testing';
import { expect } from 'vitest';

/**
 * What the helper needs of `@nabla/tensor`'s Tensor. Only test files may import the tensor
 * package (same layer, a devDependency), so the helper is written against this shape and each
 * test file passes `torch.tensor` in.
 */
export interface GradTensor {
  readonly shape: readonly number[];
  readonly grad: GradTensor | null;
  requiresGrad_(flag?: boolean): GradTensor;
  reshape(shape: readonly number[]): GradTensor;
  transpose(dim0: number, dim1: number): GradTensor;
  permute(dims: readonly number[]): GradTensor;
  index(...indices: never[]): GradTensor;
  expand(sizes: readonly number[]): GradTensor;
  dataSync(): ArrayLike<number>;
  backward(gradient?: GradTensor, options?: { retainGraph?: boolean }): void;
}

/** `torch.tensor(values, { dtype })`. */
export type MakeTensor = (
  values: Float32Array | Int32Array | Uint8Array,
  options: { dtype: DType },
) => GradTensor;

/** A tensor of the fixture; `view` is applied after making the leaf (a non-contiguous input). */
interface TensorJson {
  data: (number | boolean | string)[];
  shape: number[];
  dtype: DType;
  requiresGrad?: boolean;
  view?: [string, ...unknown[]];
}

interface GradCase {
  id: string;
  group: string;
  op: string;
  args: unknown[];
  grad: TensorJson | (TensorJson | null)[] | null;
  expected: (TensorJson | null)[] | { error: true };
}

/** How each op of the fixture is called in Nabla: `{ mul: (a, b) => torch.mul(a, b) }`. */
export type GradOpTable = Record<string, (...args: never[]) => GradTensor | GradTensor[]>;

export const RTOL = 1e-5;
export const ATOL = 1e-7;
/** Below this magnitude torch's value counts as near 0 and ATOL applies. */
export const TINY = 1e-6;

const CASES = new FixtureCases(
  JSON.parse(
    readFileSync(new URL('./__fixtures__/grads.json', import.meta.url), 'utf8'),
  ) as GradCase[],
);

/** The ids of the fixture's cases of one group, in the fixture's order. */
export function caseIds(group: string): string[] {
  return CASES.ids((c) => c.group === group, `group '${group}'`);
}

const isTensorJson = (v: unknown): v is TensorJson =>
  typeof v === 'object' && v !== null && 'data' in v && 'shape' in v && 'dtype' in v;

/** A contiguous fixture tensor, without its view. */
function plainTensor(tensor: MakeTensor, t: TensorJson): GradTensor {
  const numbers = t.data.map(fixtureNumber);
  const values =
    t.dtype === 'float32'
      ? Float32Array.from(numbers)
      : t.dtype === 'int32'
        ? Int32Array.from(numbers)
        : Uint8Array.from(numbers);
  return tensor(values, { dtype: t.dtype }).reshape(t.shape);
}

/** The arguments of a case as Nabla values, and the leaves that require grad, in order. */
function decodeArgs(
  tensor: MakeTensor,
  args: unknown[],
): { args: unknown[]; leaves: GradTensor[] } {
  const leaves: GradTensor[] = [];
  const decode = (v: unknown): unknown => {
    if (isTensorJson(v)) {
      const leaf = plainTensor(tensor, v);
      if (v.requiresGrad === true) {
        leaf.requiresGrad_(true);
        leaves.push(leaf);
      }
      return v.view === undefined ? leaf : applyView(leaf, v.view, decode);
    }
    if (Array.isArray(v)) return v.map(decode);
    return v;
  };
  return { args: args.map(decode), leaves };
}

function applyView(
  x: GradTensor,
  view: [string, ...unknown[]],
  decode: (v: unknown) => unknown,
): GradTensor {
  const [kind, ...rest] = view;
  if (kind === 'transpose') return x.transpose(rest[0] as number, rest[1] as number);
  if (kind === 'permute') return x.permute(rest[0] as number[]);
  if (kind === 'index') return x.index(...(decode(rest[0]) as never[]));
  if (kind === 'expand') return x.expand(rest[0] as number[]);
  throw new Error(`unknown view op '${kind}'`);
}

/** Back-propagates the case's upstream gradient(s) from the op's output(s). */
function runBackward(
  tensor: MakeTensor,
  out: GradTensor | GradTensor[],
  grad: GradCase['grad'],
): void {
  if (Array.isArray(out)) {
    const grads = grad as (TensorJson | null)[];
    expect(out.length, 'number of outputs').toBe(grads.length);
    out.forEach((o, i) => {
      const g = grads[i];
      if (g !== null && g !== undefined) o.backward(plainTensor(tensor, g), { retainGraph: true });
    });
  } else if (grad === null) {
    out.backward();
  } else {
    out.backward(plainTensor(tensor, grad as TensorJson));
  }
}

function sameValue(got: number, want: number): boolean {
  if (Number.isNaN(want) || Number.isNaN(got)) return Number.isNaN(want) && Number.isNaN(got);
  if (got === want) return true;
  if (!Number.isFinite(want) || !Number.isFinite(got)) return false;
  const diff = Math.abs(got - want);
  if (diff <= RTOL * Math.max(Math.abs(got), Math.abs(want))) return true;
  return Math.abs(want) < TINY && diff <= ATOL;
}

function checkGradient(leaf: GradTensor, want: TensorJson | null, what: string): void {
  const grad = leaf.grad;
  if (want === null) {
    expect(grad, `${what}: torch leaves no gradient`).toBeNull();
    return;
  }
  expect(grad, `${what}: a gradient`).not.toBeNull();
  const g = grad as GradTensor;
  expect([...g.shape], `${what}: shape`).toEqual(want.shape);
  const values = Array.from(g.dataSync(), Number);
  const wanted = want.data.map((v) => Math.fround(fixtureNumber(v)));
  const bad: string[] = [];
  wanted.forEach((w, i) => {
    const v = values[i] as number;
    if (!sameValue(v, w)) bad.push(`[${i}] torch ${w}, got ${v}`);
  });
  expect(bad, `${what}: values (${bad.length} of ${wanted.length} differ)`).toEqual([]);
}

/**
 * Runs fixture case `id` through `ops[case.op]`, back-propagates, compares with torch;
 * `tensor` is `torch.tensor` of `@nabla/tensor`.
 */
export function checkGrad(id: string, ops: GradOpTable, tensor: MakeTensor): void {
  const c = CASES.get(id);
  const fn = ops[c.op] as ((...args: unknown[]) => GradTensor | GradTensor[]) | undefined;
  if (fn === undefined) throw new Error(`no entry for op '${c.op}' in the op table`);
  const { args, leaves } = decodeArgs(tensor, c.args);
  const run = (): void => runBackward(tensor, fn(...args), c.grad);
  if ('error' in c.expected) {
    expect(run, `${id}: torch raises`).toThrow();
    return;
  }
  run();
  const expected = c.expected;
  expect(leaves.length, `${id}: leaves that require grad`).toBe(expected.length);
  leaves.forEach((leaf, i) => {
    checkGradient(leaf, expected[i] ?? null, `${id}: grad of input ${i}`);
  });
}
