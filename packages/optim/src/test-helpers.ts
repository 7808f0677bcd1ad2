/**
 * Test-only: the golden values of `__fixtures__/optim.json`, written by `tools/fixtures/optim.py`
 * with PyTorch 1.13.1 (see its docstring for the format), and how a test runs a case.
 *
 * Comparison rules:
 * - parameters (float32), normwise relative per tensor: ours `a`, torch's `b`,
 *   `max_i |a_i - b_i| <= 1e-5 * max_i |b_i|`. Elementwise relative error is no measure for an
 *   element that passes near zero: it is the difference of values of the tensor's scale, and
 *   carries their rounding (SGD's 0.0021915538 differs from torch's by 4e-8, a third of a unit
 *   in the last place of 1.0). The largest normwise error seen is about 2e-7 (see the report in
 *   README.md); most values match torch's bit for bit;
 * - single values (losses, W and B of the course): elementwise, `|a - b| <= 1e-5 * |b|`;
 * - learning rates and momenta (float64): `|a - b| <= 1e-12 * |b|`;
 * - printouts: equal strings.
 */
import { readFileSync } from 'node:fs';
import { type Tensor, tensor } from '@nabla/tensor';
import { expect } from 'vitest';
import { Adagrad } from './adagrad.js';
import { Adam } from './adam.js';
import { AdamW } from './adamw.js';
import type { AnyOptimizer } from './lr-scheduler.js';
import { RMSprop } from './rmsprop.js';
import { SGD } from './sgd.js';

export type Options = Record<string, unknown>;
export type GroupSpec = { params: number[] } & Options;

export interface OptimizerCase {
  id: string;
  optimizer: string;
  options: Options;
  problem: 'grads' | 'regression';
  groups?: GroupSpec[];
  skip?: number[];
  /** [W, b] after each step, flat. */
  trajectory: number[][][];
}

export interface SchedulerCase {
  id: string;
  scheduler: string;
  args: Options;
  optimizer: string;
  options: Options;
  steps: number;
  groupLrs?: number[];
  metrics?: number[];
  lambdas?: string | string[];
  lrs: number[][];
  momenta?: number[][];
}

export interface ReprCase {
  id: string;
  optimizer: string;
  options: Options;
  groups?: GroupSpec[];
  scheduler?: { name: string; args: Options };
  repr: string;
}

export interface StateDictCase {
  id: string;
  optimizer: string;
  options: Options;
  steps: number;
  groups?: GroupSpec[];
  skip?: number[];
  stateDict: {
    state: Record<string, Record<string, number | number[] | null>>;
    param_groups: ({ params: number[] } & Options)[];
  };
}

export interface BookCase {
  momentum: number;
  W: number;
  B: number;
  history: number[];
}

export interface Fixture {
  W: number[];
  b: number[];
  x: number[];
  y: number[];
  grads: number[][][];
  optimizers: OptimizerCase[];
  schedulers: SchedulerCase[];
  reprs: ReprCase[];
  stateDicts: StateDictCase[];
  book: BookCase[];
}

export const fixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/optim.json', import.meta.url), 'utf8'),
) as Fixture;

/** Rows of `n` values. */
function rows(values: readonly number[], n: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < values.length; i += n) out.push(values.slice(i, i + n));
  return out;
}

/** Fresh leaves W [3, 4] and b [4] from the fixture's values. */
export function freshParams(): [Tensor, Tensor] {
  return [
    tensor(rows(fixture.W, 4), { requiresGrad: true }),
    tensor(fixture.b, { requiresGrad: true }),
  ];
}

/** The fixture's gradients of step `step` (modulo the 20 stored), shaped like W and b. */
export function gradsAt(step: number): [Tensor, Tensor] {
  const [gW, gb] = fixture.grads[step % fixture.grads.length] as number[][];
  return [tensor(rows(gW as number[], 4)), tensor(gb as number[])];
}

const CONSTRUCTORS: Record<string, (params: never, options: never) => AnyOptimizer> = {
  SGD: (params, options) => new SGD(params, options),
  Adam: (params, options) => new Adam(params, options),
  AdamW: (params, options) => new AdamW(params, options),
  RMSprop: (params, options) => new RMSprop(params, options),
  Adagrad: (params, options) => new Adagrad(params, options),
};

/** The optimizer a case names, over `params`, split into the case's groups if it has them. */
export function makeOptimizer(
  name: string,
  params: Tensor[],
  options: Options,
  groups?: GroupSpec[],
): AnyOptimizer {
  const make = CONSTRUCTORS[name];
  if (make === undefined) throw new Error(`unknown optimizer ${name}`);
  const given =
    groups === undefined
      ? params
      : groups.map(({ params: indices, ...rest }) => ({
          ...rest,
          params: indices.map((i) => params[i] as Tensor),
        }));
  return make(given as never, options as never);
}

/**
 * Expects float32 values within 1e-5 of torch's, relative to the largest of torch's values
 * (`normwise`, for the elements of one tensor) or to each value (see the top of this file).
 */
export function expectClose(
  ours: ArrayLike<number>,
  torch: readonly number[],
  what: string,
  mode: 'normwise' | 'elementwise' = 'normwise',
): void {
  expect(ours.length, what).toBe(torch.length);
  const norm = Math.max(...torch.map(Math.abs));
  for (let i = 0; i < torch.length; i++) {
    const a = ours[i] as number;
    // the fixture writes torch's float32 values as the shortest decimals that read back to them
    const b = Math.fround(torch[i] as number);
    const scale = mode === 'normwise' ? norm : Math.abs(b);
    if (!(Math.abs(a - b) <= 1e-5 * scale)) {
      expect.fail(
        `${what}[${i}]: ours ${a}, torch ${b} (error ${Math.abs(a - b) / scale} of ${scale})`,
      );
    }
  }
}

/** Expects float64 values within 1e-12 relative. */
export function expectLrs(ours: readonly number[], torch: readonly number[], what: string): void {
  expect(ours.length, what).toBe(torch.length);
  ours.forEach((a, i) => {
    const b = torch[i] as number;
    if (!(Math.abs(a - b) <= 1e-12 * Math.abs(b)))
      expect.fail(`${what}[${i}]: ours ${a}, torch ${b}`);
  });
}

/**
 * Runs an optimizer case: 20 steps on the fixture's gradients (b gets none on the `skip` steps)
 * or on the regression loss, comparing W and b with torch's after every step.
 */
export function runOptimizerCase(c: OptimizerCase): void {
  const params = freshParams();
  const [W, b] = params;
  const optimizer = makeOptimizer(c.optimizer, params, c.options, c.groups);
  const x = tensor(rows(fixture.x, 3));
  const y = tensor(rows(fixture.y, 4));
  c.trajectory.forEach(([wantW, wantB], step) => {
    if (c.problem === 'grads') {
      const grads = gradsAt(step);
      W.grad = grads[0];
      b.grad = c.skip?.includes(step) ? null : grads[1];
      optimizer.step();
    } else {
      optimizer.zeroGrad();
      x.matmul(W).add(b).sub(y).pow(2).mean().backward();
      optimizer.step();
    }
    expectClose(W.dataSync(), wantW as number[], `${c.id}: W after step ${step + 1}`);
    expectClose(b.dataSync(), wantB as number[], `${c.id}: b after step ${step + 1}`);
  });
}

/** Every case of the fixture for one optimizer, as [id, case] rows for `it.each`. */
export function optimizerCases(name: string): [string, OptimizerCase][] {
  const cases = fixture.optimizers.filter((c) => c.optimizer === name);
  if (cases.length === 0) throw new Error(`no fixture cases for ${name}`);
  return cases.map((c) => [c.id, c]);
}

/** LambdaLR's functions, by the names tools/fixtures/optim.py gives the same Python lambdas. */
export const LAMBDAS: Record<string, (epoch: number) => number> = {
  pow095: (epoch) => 0.95 ** epoch,
  floorDiv3: (epoch) => Math.floor(epoch / 3),
  warmup5: (epoch) => Math.min(1.0, (epoch + 1) / 5),
};

/** A scheduler as a test drives it: step (with a metric for ReduceLROnPlateau), getLastLr. */
export interface Steppable {
  step(metric?: number): void;
  getLastLr(): number[];
}

/**
 * Runs a scheduler case: the optimizer steps on the fixture's gradients, then the scheduler
 * steps; the lrs (and the momenta or betas[0]) are compared with torch's after construction and
 * after every step.
 */
export function runSchedulerCase(
  c: SchedulerCase,
  make: (optimizer: AnyOptimizer, args: Options) => Steppable,
): void {
  const params = freshParams();
  const groups = c.groupLrs?.map((lr, i) => ({ params: [i], lr }));
  const optimizer = makeOptimizer(c.optimizer, params, c.options, groups);
  const scheduler = make(optimizer, c.args);
  const momenta = () =>
    optimizer.paramGroups.map((g) => {
      const group = g as { momentum?: number; betas?: readonly number[] };
      return group.betas?.[0] ?? group.momentum ?? null;
    });
  const check = (i: number) => {
    expectLrs(scheduler.getLastLr(), c.lrs[i] as number[], `${c.id}: lr at ${i}`);
    const groupLrs = optimizer.paramGroups.map((g) => g.lr);
    expectLrs(groupLrs, c.lrs[i] as number[], `${c.id}: group lr at ${i}`);
    if (c.momenta !== undefined) {
      expectLrs(momenta() as number[], c.momenta[i] as number[], `${c.id}: momentum at ${i}`);
    }
  };
  check(0);
  for (let i = 0; i < c.steps; i++) {
    const [gW, gb] = gradsAt(i);
    params[0].grad = gW;
    params[1].grad = gb;
    optimizer.step();
    scheduler.step(c.metrics?.[i]);
    check(i + 1);
  }
}

/** Every case of the fixture for one scheduler, as [id, case] rows for `it.each`. */
export function schedulerCases(name: string): [string, SchedulerCase][] {
  const cases = fixture.schedulers.filter((c) => c.scheduler === name);
  if (cases.length === 0) throw new Error(`no fixture cases for ${name}`);
  return cases.map((c) => [c.id, c]);
}
