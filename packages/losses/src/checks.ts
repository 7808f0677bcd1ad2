import { broadcastShapes, isFloating, type Shape, shapeToString } from '@nabla/backend';
import { NablaError, type Tensor } from '@nabla/tensor';
import { warnOnce } from './warn.js';

/** Throws `op: message`, as the tensor ops do. */
export function fail(op: string, message: string): never {
  throw new NablaError(`${op}: ${message}`);
}

/** A shape for messages: `[3, 4]`. */
export const fmt = (shape: Shape): string => shapeToString(shape);

/** Whether two shapes are equal. */
export const sameShape = (a: Shape, b: Shape): boolean =>
  a.length === b.length && a.every((s, i) => s === b[i]);

/** Fails unless `t` is float32, naming the argument (`input`, `target`, `weight`). */
export function checkFloat(op: string, arg: string, t: Tensor, hint = ''): void {
  if (!isFloating(t.dtype)) {
    fail(op, `expected a float32 ${arg}, got ${t.dtype} (${arg} of shape ${fmt(t.shape)})${hint}`);
  }
}

/**
 * The input and target of a regression loss (MSE, L1, smooth L1, Huber) as float32. As PyTorch,
 * a target of another size is broadcast against the input with a warning (it rarely means what
 * was intended: a [3, 1] output against [3] labels gives a [3, 3] difference), and an int target
 * is promoted; at least one side must be floating point.
 */
export function regressionPair(op: string, input: Tensor, target: Tensor): [Tensor, Tensor] {
  if (!isFloating(input.dtype) && !isFloating(target.dtype)) {
    fail(op, `expected a float32 input or target, got ${input.dtype} and ${target.dtype}`);
  }
  if (!sameShape(input.shape, target.shape)) {
    if (broadcastShapes(input.shape, target.shape) === null) {
      fail(
        op,
        `the target size ${fmt(target.shape)} cannot be broadcast to the input size ${fmt(input.shape)}`,
      );
    }
    warnOnce(
      `${op}: using a target size ${fmt(target.shape)} that is different to the input size ${fmt(input.shape)}. ` +
        'This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.',
    );
  }
  return [asFloat(input), asFloat(target)];
}

/** `t` as float32 (itself when it is). */
export const asFloat = (t: Tensor): Tensor => (isFloating(t.dtype) ? t : t.float());

/** Fails unless `target` has exactly `input`'s shape (BCELoss, BCEWithLogitsLoss). */
export function checkSameSize(op: string, input: Tensor, target: Tensor): void {
  if (!sameShape(input.shape, target.shape)) {
    fail(op, `target size ${fmt(target.shape)} must be the same as input size ${fmt(input.shape)}`);
  }
}

/** Fails unless `weight` is float32 and broadcasts to `shape` without growing it. */
export function checkBroadcastTo(op: string, arg: string, weight: Tensor, shape: Shape): void {
  checkFloat(op, arg, weight);
  const out = broadcastShapes(weight.shape, shape);
  if (out === null || !sameShape(out, shape)) {
    fail(
      op,
      `${arg} of shape ${fmt(weight.shape)} cannot be broadcast to the input size ${fmt(shape)}`,
    );
  }
}
