import type { Backend, BufferLike } from './backend.js';
import type { View } from './view.js';

/**
 * A node of the recorded graph, as `tensor.grad_fn` shows it: PyTorch's name for the backward
 * function (`AddBackward0`, `AccumulateGrad`, ...) and the nodes it passes gradients to.
 */
export interface GradFn {
  readonly name: string;
  /** The nodes this one sends gradients to, as PyTorch's `next_functions` (null: no gradient). */
  readonly nextFunctions: readonly (GradFn | null)[];
  /** For `AccumulateGrad`: the leaf buffer whose gradient it accumulates. */
  readonly variable?: BufferLike;
}

/** Options of {@link Autodiff.backward}. */
export interface BackwardOptions {
  /** Keep the saved buffers so that backward can run through the graph again. */
  retainGraph?: boolean;
}

/**
 * The optional capability of a backend that records operations and computes gradients
 * (`@nabla/autograd`'s decorator provides it). The tensor layer checks for it with
 * {@link isAutodiff}; a plain backend simply cannot differentiate.
 *
 * Gradients are kept per buffer (PyTorch's storage): views read a buffer through strides, and
 * their gradients flow back into the buffer's gradient.
 */
export interface Autodiff<B extends BufferLike> {
  readonly autodiff: true;
  /** Whether gradients flow to / through this buffer. */
  requiresGrad(buffer: B): boolean;
  /** Marks a leaf buffer as requiring grad (or not). */
  setRequiresGrad(buffer: B, flag: boolean): void;
  /** True when the buffer was not produced by a recorded op. */
  isLeaf(buffer: B): boolean;
  /** The node that produced this buffer's current contents, or null for a leaf. */
  gradFn(buffer: B): GradFn | null;
  /** The accumulated gradient of a leaf buffer (same size), or null. */
  grad(buffer: B): B | null;
  /** Sets or clears the accumulated gradient. */
  setGrad(buffer: B, grad: B | null): void;
  /** A handle on the same memory that is outside the graph (`detach`). */
  detach(buffer: B): B;
  /** How many times the buffer was written in place (PyTorch's version counter). */
  version(buffer: B): number;
  /**
   * A copy on this device of a view of another device's buffer (`tensor.to(device)`); when the
   * source is in a graph, the gradient flows back to it across devices.
   */
  transfer(source: View<BufferLike>, from: Backend<BufferLike>): B;
  /** Back-propagates from `output`, seeded with `grad` (a view of the output's shape). */
  backward(output: View<B>, grad: View<B>, options?: BackwardOptions): void;
  /**
   * Runs `fn`, recording the ops it makes as one node named `name` for display
   * (`MeanBackward0` for a mean written as sum and division).
   */
  scope<T>(name: string, fn: () => T): T;
}

/** A backend with the autodiff capability. */
export type AutodiffBackend<B extends BufferLike = BufferLike> = Backend<B> & Autodiff<B>;

/** True when the backend can differentiate. */
export function isAutodiff<B extends BufferLike>(
  backend: Backend<B>,
): backend is AutodiffBackend<B> {
  return (backend as Partial<Autodiff<B>>).autodiff === true;
}

/**
 * Whether operations are recorded for backward (`torch.is_grad_enabled`). One switch for every
 * device, flipped by `noGrad` / `enableGrad`.
 */
export const gradMode = { enabled: true };
