import { gradMode, isAutodiff } from '@nabla/backend';
import { fail } from './errors.js';
import type { Tensor } from './tensor.js';

/**
 * Runs `fn` without recording operations for backward (`with torch.no_grad():`).
 *
 * @example
 * noGrad(() => { w.sub_(w.grad!.mul(lr)); });
 */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

/** Runs `fn` with recording on, even inside {@link noGrad} (`torch.enable_grad`). */
export function enableGrad<T>(fn: () => T): T {
  return withGradMode(true, fn);
}

/** Whether operations are recorded now (`torch.is_grad_enabled()`). */
export function isGradEnabled(): boolean {
  return gradMode.enabled;
}

/** Turns recording on or off for the rest of the program (`torch.set_grad_enabled`). */
export function setGradEnabled(enabled: boolean): void {
  gradMode.enabled = enabled;
}

function withGradMode<T>(enabled: boolean, fn: () => T): T {
  const before = gradMode.enabled;
  gradMode.enabled = enabled;
  try {
    return fn();
  } finally {
    gradMode.enabled = before;
  }
}

/** Runs `fn` as one node named `name` in the graph, when the backend records one. */
export function named<T>(x: Tensor, name: string, fn: () => T): T {
  const b = x.backend;
  return isAutodiff(b) && gradMode.enabled ? b.scope(name, fn) : fn();
}

/** PyTorch's error for an in-place write into a leaf that requires grad, outside noGrad. */
export function checkInplace(op: string, self: Tensor): void {
  const b = self.backend;
  if (isAutodiff(b) && gradMode.enabled && b.isLeaf(self.buffer) && b.requiresGrad(self.buffer)) {
    fail(
      op,
      'a leaf Variable that requires grad is being used in an in-place operation; wrap the update in noGrad(() => ...)',
    );
  }
}
