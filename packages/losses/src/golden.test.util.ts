/**
 * Test-only: the golden cases of `__fixtures__/losses.json` (written by
 * `tools/fixtures/losses.py` with PyTorch 1.13; see its header for the format), a comparison
 * rule, and a small finite-difference gradient check.
 *
 * Comparison rule (torch's reference is computed in float64 and rounded to float32):
 * - shapes must match; NaN must match NaN and infinities must match exactly;
 * - other values `a` (ours) and `b` (torch's) must satisfy `|a - b| <= 1e-5 * max(|a|, |b|)`,
 *   or, only where torch's value is near 0 (`|b| < 1e-6`), `|a - b| <= 1e-7`: a float32
 *   result is 0 (or a rounding remnant) where the float64 reference keeps ~1e-9, e.g. the loss
 *   log(1 + exp(-100)) or a gradient sigmoid(100) - 1.
 */
import { readFileSync } from 'node:fs';
import { fixtureNumber } from '@nabla/backend/testing';
import { noGrad, type Tensor, tensor } from '@nabla/tensor';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A tensor of the fixture. */
export interface TensorJson {
  data: (number | string)[];
  shape: number[];
  dtype: 'float32' | 'int32';
}

/** One golden case: a loss, its options, its inputs and torch's output and input gradient. */
export interface LossCase {
  id: string;
  loss: string;
  options: Record<string, unknown>;
  input: TensorJson;
  target: TensorJson;
  /** The upstream gradient for reduction 'none'; null: `backward()` on the scalar loss. */
  grad: TensorJson | null;
  expected: { output: TensorJson; inputGrad: TensorJson | null };
}

export const RTOL = 1e-5;
export const ATOL = 1e-7;
/** Below this magnitude torch's value counts as near 0 and ATOL applies. */
export const TINY = 1e-6;

const FIXTURE = JSON.parse(
  readFileSync(new URL('./__fixtures__/losses.json', import.meta.url), 'utf8'),
) as { torch: string; cases: LossCase[] };

/** The cases of one functional loss (`'mseLoss'`, `'crossEntropy'`, ...), in the fixture's order. */
export function casesOf(loss: string): LossCase[] {
  const cases = FIXTURE.cases.filter((c) => c.loss === loss);
  if (cases.length === 0) throw new Error(`no fixture cases for '${loss}'`);
  return cases;
}

/** One case by id. */
export function caseById(id: string): LossCase {
  const c = FIXTURE.cases.find((k) => k.id === id);
  if (c === undefined) throw new Error(`no fixture case '${id}'`);
  return c;
}

/** A fixture tensor as a Nabla tensor (a leaf; `requiresGrad` on request). */
export function fromJson(t: TensorJson, requiresGrad = false): Tensor {
  const values =
    t.dtype === 'float32'
      ? Float32Array.from(t.data, fixtureNumber)
      : Int32Array.from(t.data, fixtureNumber);
  const flat = tensor(values, { dtype: t.dtype });
  const shaped = flat.reshape(t.shape);
  return requiresGrad ? shaped.detach().requiresGrad_(true) : shaped;
}

/** Whether `a` (ours) passes for `b` (torch's) under the rule above. */
export function closeTo(a: number, b: number): boolean {
  if (Number.isNaN(b) || Number.isNaN(a)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(b) || !Number.isFinite(a)) return a === b;
  const diff = Math.abs(a - b);
  return diff <= RTOL * Math.max(Math.abs(a), Math.abs(b)) || (Math.abs(b) < TINY && diff <= ATOL);
}

/** Expects `actual` to match torch's `expected` under the rule, listing every mismatch. */
export function expectClose(actual: Tensor, expected: TensorJson, label: string): void {
  expect([...actual.shape], `${label}: shape`).toEqual(expected.shape);
  const ours = actual.dataSync();
  const bad: string[] = [];
  expected.data.forEach((v, i) => {
    const b = fixtureNumber(v);
    const a = ours[i] as number;
    if (!closeTo(a, b)) bad.push(`[${i}] ours ${a}, torch ${b}`);
  });
  expect(bad, `${label}: elements off by more than the rule`).toEqual([]);
}

/** How a test runs a case's loss: the functional form or a class, with the case's options. */
export type RunLoss = (input: Tensor, target: Tensor, options: CaseOptions) => Tensor;

/** A case's options, with `weight` and `posWeight` made tensors. */
export type CaseOptions = Record<string, unknown>;

function optionsOf(c: LossCase): CaseOptions {
  const out: CaseOptions = {};
  for (const [key, value] of Object.entries(c.options)) {
    out[key] = key === 'weight' || key === 'posWeight' ? fromJson(value as TensorJson) : value;
  }
  return out;
}

/**
 * Runs a case: the loss of a fresh input leaf that requires grad, compared with torch's value;
 * then backward (seeded with the case's upstream gradient for 'none') and the input's gradient
 * compared with torch's.
 */
export function checkCase(c: LossCase, run: RunLoss): void {
  const input = fromJson(c.input, true);
  const target = fromJson(c.target);
  const out = run(input, target, optionsOf(c));
  expectClose(out, c.expected.output, `${c.id}: output`);
  if (c.expected.inputGrad === null) return;
  if (c.grad === null) out.backward();
  else out.backward(fromJson(c.grad));
  expect(input.grad, `${c.id}: input.grad`).not.toBeNull();
  expectClose(input.grad as Tensor, c.expected.inputGrad, `${c.id}: input gradient`);
}

/**
 * A small gradient check: the gradient of the scalar `f(x)` by backward against central
 * differences `(f(x + h) - f(x - h)) / (2h)`, element by element. In float32 a loss of size ~1
 * carries a rounding error of ~1e-7, so `h = 1e-2` keeps the difference quotient's own error
 * near 1e-5 (and the truncation error h^2 f''' / 6 of smooth losses well under `atol`).
 */
export function expectGradcheck(
  f: (x: Tensor) => Tensor,
  x0: Tensor,
  { h = 1e-2, atol = 1e-3, rtol = 1e-2 } = {},
): void {
  const x = x0.detach().clone().requiresGrad_(true);
  f(x).backward();
  const analytic = (x.grad as Tensor).dataSync();
  const base = x0.detach().dataSync();
  const shape = [...x0.shape];
  const at = (values: Float32Array): number =>
    noGrad(() => f(tensor(values, { dtype: 'float32' }).reshape(shape)).item());
  const bad: string[] = [];
  for (let i = 0; i < base.length; i++) {
    const up = Float32Array.from(base);
    const down = Float32Array.from(base);
    up[i] = (base[i] as number) + h;
    down[i] = (base[i] as number) - h;
    // divide by the step the float32 values really took
    const numeric = (at(up) - at(down)) / ((up[i] as number) - (down[i] as number));
    const a = analytic[i] as number;
    if (!(Math.abs(a - numeric) <= atol + rtol * Math.abs(numeric))) {
      bad.push(`[${i}] backward ${a}, finite differences ${numeric}`);
    }
  }
  expect(bad, 'gradcheck: elements where backward and finite differences disagree').toEqual([]);
}

/**
 * Registers the golden cases of one functional loss, each run through every form in `runs`
 * (`{ mseLoss: (x, y, o) => mseLoss(x, y, o), MSELoss: (x, y, o) => new MSELoss(o)(x, y) }`).
 * PyTorch's warnings (a broadcast target, KLDivLoss's 'mean') are silenced here; their own
 * tests check them.
 */
export function goldenSuite(loss: string, runs: Record<string, RunLoss>): void {
  describe(`${loss} against PyTorch ${FIXTURE.torch}`, () => {
    beforeEach(() => {
      vi.spyOn(console, 'warn').mockImplementation(() => {});
    });
    afterEach(() => {
      vi.restoreAllMocks();
    });
    const table = casesOf(loss).map((c) => [c.id, c] as const);
    for (const [form, run] of Object.entries(runs)) {
      it.each(table)(`%s (${form})`, (_id, c) => checkCase(c, run));
    }
  });
}
