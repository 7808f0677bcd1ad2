import { broadcastOrFail, broadcastView, sameDevice, wrapLike } from './core.js';
import { fail, fmt } from './errors.js';
import { named } from './grad-mode.js';
import type { Tensor } from './tensor.js';

function checkFloat(op: string, a: Tensor, b: Tensor): void {
  sameDevice(op, [a, b]);
  if (a.dtype !== 'float32' || b.dtype !== 'float32') {
    fail(
      op,
      `expected float32 tensors, got ${a.dtype} and ${b.dtype} (Nabla multiplies float32 matrices only; call .float() first)`,
    );
  }
}

/**
 * `torch.matmul`: a dot product for two vectors, matrix-vector and vector-matrix products,
 * and batched matrix products whose batch dimensions broadcast.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.ndim === 0 || b.ndim === 0) {
    fail(
      'matmul',
      `both arguments need at least 1 dimension, got shapes ${fmt(a.shape)} and ${fmt(b.shape)}`,
    );
  }
  checkFloat('matmul', a, b);
  // vectors become matrices: [k] -> [1, k] on the left, [k] -> [k, 1] on the right
  const a2 = a.ndim === 1 ? a.unsqueeze(0) : a;
  const b2 = b.ndim === 1 ? b.unsqueeze(1) : b;
  const m = a2.shape[a2.ndim - 2] as number;
  const k = a2.shape[a2.ndim - 1] as number;
  const k2 = b2.shape[b2.ndim - 2] as number;
  const n = b2.shape[b2.ndim - 1] as number;
  if (k !== k2) {
    const what = a.ndim === 1 && b.ndim === 1 ? 'inconsistent tensor size' : 'cannot be multiplied';
    fail('matmul', `shapes ${fmt(a.shape)} and ${fmt(b.shape)} ${what} (${k} != ${k2})`);
  }
  const batch = broadcastOrFail('matmul', a2.shape.slice(0, -2), b2.shape.slice(0, -2));
  // x: [..., M, K] @ [..., K, N] -> [..., M, N]
  const name =
    a.ndim === 1
      ? b.ndim === 1
        ? 'DotBackward0'
        : 'MvBackward0'
      : b.ndim === 1
        ? 'MvBackward0'
        : null;
  const run = () =>
    a.backend.matmul(broadcastView(a2, [...batch, m, k]), broadcastView(b2, [...batch, k, n]));
  const out = name === null ? run() : named(a, name, run);
  const result = wrapLike(a, out, [...batch, m, n]);
  const shape = [...batch];
  if (a.ndim > 1) shape.push(m);
  if (b.ndim > 1) shape.push(n);
  return result.reshape(shape);
}

/** `torch.mm`: the product of two matrices. */
export function mm(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 2 || b.ndim !== 2) {
    fail('mm', `expected two 2-D tensors, got shapes ${fmt(a.shape)} and ${fmt(b.shape)}`);
  }
  return matmul(a, b);
}

/** `torch.bmm`: batched products of `[B, N, M]` and `[B, M, P]` (no broadcasting). */
export function bmm(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 3 || b.ndim !== 3) {
    fail('bmm', `expected two 3-D tensors, got shapes ${fmt(a.shape)} and ${fmt(b.shape)}`);
  }
  if (a.shape[0] !== b.shape[0]) {
    fail(
      'bmm',
      `batch sizes differ: shapes ${fmt(a.shape)} and ${fmt(b.shape)} (${a.shape[0]} != ${b.shape[0]})`,
    );
  }
  return matmul(a, b);
}

/** `torch.dot`: the dot product of two vectors of one length. */
export function dot(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1) {
    fail('dot', `expected two 1-D tensors, got shapes ${fmt(a.shape)} and ${fmt(b.shape)}`);
  }
  return matmul(a, b);
}

/** `torch.outer`: `out[i, j] = a[i] * b[j]`. */
export function outer(a: Tensor, b: Tensor): Tensor {
  if (a.ndim !== 1 || b.ndim !== 1) {
    fail('outer', `expected two 1-D tensors, got shapes ${fmt(a.shape)} and ${fmt(b.shape)}`);
  }
  return a.unsqueeze(1).mul(b.unsqueeze(0));
}
