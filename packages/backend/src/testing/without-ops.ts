import type { Backend, BufferLike } from '../backend.js';

/** The optional fused ops of the nn layers (convolution, max pooling, batch norm). */
export const FUSED_NN_OPS = [
  'conv2d',
  'conv2dBackwardInput',
  'conv2dBackwardWeight',
  'maxPool2d',
  'maxPool2dBackward',
  'batchNormStats',
  'batchNorm',
  'batchNormBackward',
] as const satisfies readonly (keyof Backend<BufferLike>)[];

/**
 * A copy of `backend` without the optional fused `ops`: the tensor layer then composes them of
 * primitives, which is what a new backend runs (tests check both paths against the same
 * fixtures).
 */
export function withoutOps(
  backend: Backend<BufferLike>,
  ops: readonly (keyof Backend<BufferLike>)[],
): Backend<BufferLike> {
  const copy: Record<string, unknown> = { ...backend };
  for (const op of ops) delete copy[op];
  return copy as unknown as Backend<BufferLike>;
}
