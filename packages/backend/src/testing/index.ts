import { describe } from 'vitest';
import type { Backend, BufferLike } from '../backend.js';
import { argReduceTests } from './arg-reduce.js';
import { assignTests } from './assign.js';
import { binaryTests } from './binary.js';
import { castTests } from './cast.js';
import { gatherScatterTests } from './gather-scatter.js';
import { matmulTests } from './matmul.js';
import { memoryTests } from './memory.js';
import { reduceTests } from './reduce.js';
import { softmaxTests } from './softmax.js';
import { torchGoldenTests } from './torch-golden.js';
import { unaryTests } from './unary.js';
import { whereTests } from './where.js';

export { FixtureCases, fixtureNumber } from './fixtures.js';
export type { Tolerance } from './harness.js';
export { close, expectValues, layouts, RTOL } from './harness.js';

/**
 * Registers the conformance suite, the tests every backend must pass, as Vitest `describe` /
 * `it` blocks: memory round trips, each unary and binary op on float32 / int32 / bool with
 * transposed, flipped (negative-stride), offset and broadcast (stride-0) views, scalars, empty
 * shapes and NaN / ±inf; reductions over one, several and all axes; argmax / argmin ties;
 * batched matmul; gather / scatter; where; every cast; in-place assign into strided views; the
 * optional softmax / logSoftmax (skipped when absent); and golden values from torch 1.13.1.
 *
 * Exact ops are compared exactly; transcendental float32 results within a relative 1e-6.
 * `makeBackend` is called once, on first use. The counterpart of burn's `burn-backend-tests`
 * and TF.js's shared kernel tests.
 *
 * @example
 * ```ts
 * // packages/backend-cpu/src/cpu-backend.test.ts
 * import { runBackendConformance } from '@nabla/backend/testing';
 * import { cpuBackend } from './cpu-backend.js';
 *
 * runBackendConformance('cpu', cpuBackend);
 * ```
 */
export function runBackendConformance(name: string, makeBackend: () => Backend<BufferLike>): void {
  let backend: Backend<BufferLike> | undefined;
  const get = (): Backend<BufferLike> => {
    backend ??= makeBackend();
    return backend;
  };
  describe(`${name} backend conformance`, () => {
    memoryTests(get);
    unaryTests(get);
    binaryTests(get);
    whereTests(get);
    reduceTests(get);
    argReduceTests(get);
    matmulTests(get);
    gatherScatterTests(get);
    castTests(get);
    assignTests(get);
    softmaxTests(get);
    torchGoldenTests(get);
  });
}
