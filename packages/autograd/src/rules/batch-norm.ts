import type { Backend, BufferLike, View } from '@nabla/backend';
import { contiguousView } from '@nabla/backend';
import type { Arr, Ops } from '../arr.js';

/** What batch norm's gradient reads, as saved in the forward pass. */
export interface BatchNormSaved<B extends BufferLike> {
  x: View<B>;
  mean: View<B>;
  invstd: View<B>;
  weight: View<B> | null;
  /** Whether `mean` and `invstd` are `x`'s own batch statistics. */
  training: boolean;
}

/**
 * `y = (x - mean) * invstd * w + b` per channel (PyTorch's `NativeBatchNormBackward0`): the
 * backend's backward kernel gives all three gradients at once (in training, `gx` goes through
 * the batch statistics); those no input needs are freed. The result lists `x`'s, then the
 * weight's and the bias's when they are inputs (`needs` has one entry per input).
 */
export function batchNormGrad<B extends BufferLike>(
  k: Ops<B>,
  backward: NonNullable<Backend<B>['batchNormBackward']>,
  g: Arr<B>,
  s: BatchNormSaved<B>,
  needs: readonly boolean[],
): (Arr<B> | null)[] {
  const gv = contiguousView(g.buf, g.shape);
  const be = k.b;
  const grads = backward.call(be, gv, s.x, s.mean, s.invstd, s.weight, s.training);
  const c = [s.x.shape[1] as number];
  const shapes = [s.x.shape, c, c];
  return needs.map((need, i) => {
    const buf = grads[i] as B;
    if (need) return { buf, shape: shapes[i] as readonly number[] };
    be.dispose(buf);
    return null;
  });
}
