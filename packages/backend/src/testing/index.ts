import { describe } from 'vitest';
import type { Backend, BufferLike } from '../backend.js';
import { addScaledTests } from './add-scaled.js';
import { argReduceTests } from './arg-reduce.js';
import { assignTests } from './assign.js';
import { batchNormTests } from './batch-norm.js';
import { binaryTests } from './binary.js';
import { castTests } from './cast.js';
import { conv2dTests } from './conv2d.js';
import { gatherScatterTests } from './gather-scatter.js';
import { matmulTests } from './matmul.js';
import { maxPool2dTests } from './max-pool2d.js';
import { memoryTests } from './memory.js';
import { reduceTests } from './reduce.js';
import { softmaxTests } from './softmax.js';
import { thresholdBackwardTests } from './threshold-backward.js';
import { torchGoldenTests } from './torch-golden.js';
import { unaryTests } from './unary.js';
import { whereTests } from './where.js';

export {
  batchNormBackwardReference,
  batchNormReference,
  batchNormStatsReference,
} from './batch-norm-references.js';
export {
  conv2dBackwardInputReference,
  conv2dBackwardWeightReference,
  conv2dReference,
  maxPool2dBackwardReference,
  maxPool2dReference,
  type Shape4,
  type Sums,
} from './conv-references.js';
export { FixtureCases, fixtureHashValues, fixtureNumber } from './fixtures.js';
export type { NamedView, Tolerance } from './harness.js';
export { close, expectValues, layouts, RTOL } from './harness.js';
export { FUSED_NN_OPS, withoutOps } from './without-ops.js';

/**
 * Registers the conformance suite, the tests every backend must pass, as Vitest `describe` /
 * `it` blocks: memory round trips, each unary and binary op on float32 / int32 / bool with
 * transposed, flipped (negative-stride), offset and broadcast (stride-0) views, scalars, empty
 * shapes and NaN / ±inf; reductions over one, several and all axes; argmax / argmin ties;
 * batched matmul; gather / scatter; where; every cast; in-place assign into strided views; the
 * optional softmax / logSoftmax, thresholdBackward, addScaled, conv2d with its two gradients, maxPool2d with its gradient, and
 * batch norm's statistics, forward and backward (each registered only when the backend has
 * it); and golden values from torch 1.13.1.
 *
 * Exact ops are compared exactly; transcendental float32 results within a relative 1e-6.
 * Convolutions and pooling take values whose float32 sums are exact, so they are compared
 * exactly too, against float64 references written with plain loops (conv-references.ts); batch
 * norm, whose results are not exact in float32, within 16 roundings of each result's scale
 * (batch-norm-references.ts).
 * `makeBackend` is called once, when the suite is registered (to see which optional ops the
 * backend has). The counterpart of burn's `burn-backend-tests`
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
    // the optional fused ops: registered for the ones this backend has (a backend without one
    // leaves it to the tensor layer's composite, tested there)
    const has = (op: keyof Backend<BufferLike>) => typeof get()[op] === 'function';
    if (has('softmax') || has('logSoftmax')) softmaxTests(get);
    if (has('thresholdBackward')) thresholdBackwardTests(get);
    if (has('addScaled')) addScaledTests(get);
    if (has('conv2d')) conv2dTests(get);
    if (has('maxPool2d')) maxPool2dTests(get);
    if (has('batchNormStats')) batchNormTests(get);
    torchGoldenTests(get);
  });
}
