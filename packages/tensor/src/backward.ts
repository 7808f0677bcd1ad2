import { contiguousStrides, type GradFn, isAutodiff } from '@nabla/backend';
import { broadcastView, castTo, contiguous, viewOf } from './core.js';
import { fail, fmt } from './errors.js';
import { Tensor } from './tensor.js';
import { recordBackward, recordSetGrad } from './tidy.js';

/** Options of `backward()`. */
export interface BackwardOptions {
  /** Keep the graph so that backward can run through it again (`retain_graph`). */
  retainGraph?: boolean;
}

function autodiffOf(t: Tensor, op: string) {
  const b = t.backend;
  if (!isAutodiff(b)) {
    fail(
      op,
      `the backend of device '${t.device}' cannot compute gradients; wrap it with autodiff() from @nabla/autograd (the nabla package does)`,
    );
  }
  return b;
}

/** `t.backward(gradient)`: accumulates d(t)/d(leaf) into every leaf's `.grad`. */
export function backward(t: Tensor, gradient?: Tensor, options: BackwardOptions = {}): void {
  const b = autodiffOf(t, 'backward');
  if (!b.requiresGrad(t.buffer)) {
    fail('backward', 'element 0 of tensors does not require grad and does not have a grad_fn');
  }
  let seed: Tensor;
  if (gradient === undefined) {
    if (t.numel() !== 1)
      fail(
        'backward',
        `grad can be implicitly created only for scalar outputs (shape ${fmt(t.shape)})`,
      );
    seed = new Tensor(
      t.device,
      t.backend,
      t.backend.fromValues([1], 'float32'),
      t.shape,
      contiguousStrides(t.shape),
      0,
    );
  } else {
    if (gradient.shape.length !== t.ndim || gradient.shape.some((s, i) => s !== t.shape[i])) {
      fail(
        'backward',
        `mismatch in shape: grad_output has a shape of ${fmt(gradient.shape)} and output has a shape of ${fmt(t.shape)}`,
      );
    }
    seed = contiguous(castTo(gradient, 'float32'));
  }
  recordBackward(b, t.buffer);
  b.backward(viewOf(t), broadcastView(seed, t.shape), options);
}

/** The gradient of a leaf tensor, seen with the tensor's own shape, or null. */
export function gradOf(t: Tensor): Tensor | null {
  const b = t.backend;
  if (!isAutodiff(b)) return null;
  const g = b.grad(t.buffer);
  return g === null ? null : new Tensor(t.device, t.backend, g, t.shape, t.strides, t.offset);
}

/** Sets (or clears, with null) a leaf's gradient. */
export function setGrad(t: Tensor, grad: Tensor | null): void {
  const b = autodiffOf(t, 'grad');
  if (grad === null) {
    recordSetGrad(b, t.buffer, null);
    b.setGrad(t.buffer, null);
    return;
  }
  if (grad.shape.length !== t.ndim || grad.shape.some((s, i) => s !== t.shape[i])) {
    fail(
      'grad',
      `assigned grad has data of a different size: ${fmt(grad.shape)} for a tensor of shape ${fmt(t.shape)}`,
    );
  }
  if (!t.isContiguous() || t.offset !== 0 || t.buffer.size !== t.numel()) {
    fail('grad', 'can only assign the gradient of a tensor that owns its whole buffer');
  }
  const source = contiguous(castTo(grad, 'float32')).buffer;
  recordSetGrad(b, t.buffer, source);
  b.setGrad(t.buffer, b.detach(source));
}

/** `t.grad_fn`: the node that made this tensor, or null for a leaf. */
export function gradFnOf(t: Tensor): GradFn | null {
  const b = t.backend;
  return isAutodiff(b) ? b.gradFn(t.buffer) : null;
}

/** `t.requires_grad`. */
export function requiresGradOf(t: Tensor): boolean {
  const b = t.backend;
  return isAutodiff(b) ? b.requiresGrad(t.buffer) : false;
}

/** `t.requires_grad_(flag)`. */
export function setRequiresGrad(t: Tensor, flag: boolean): void {
  if (flag && t.dtype !== 'float32') {
    fail(
      'requiresGrad_',
      `only tensors of floating point dtype can require gradients, got ${t.dtype}`,
    );
  }
  const b = t.backend;
  if (!isAutodiff(b)) {
    if (flag) autodiffOf(t, 'requiresGrad_');
    return;
  }
  if (!b.isLeaf(t.buffer)) {
    if (flag) return;
    fail(
      'requiresGrad_',
      'you can only change requires_grad flags of leaf variables; use detach() to get a tensor outside the graph',
    );
  }
  b.setRequiresGrad(t.buffer, flag);
}

/** `t.detach()`: the same memory, outside the graph. */
export function detachOf(t: Tensor): Tensor {
  const b = t.backend;
  const buffer = isAutodiff(b) ? b.detach(t.buffer) : t.buffer;
  return new Tensor(t.device, t.backend, buffer, t.shape, t.strides, t.offset);
}
