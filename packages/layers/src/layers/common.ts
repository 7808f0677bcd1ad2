import { NablaError } from '@nabla/tensor';

/**
 * Runs a layer's computation so that a bad input is reported under the layer's own printout:
 * the functional op's error `conv2d: ...` becomes `Conv2d(3, 32, kernel_size=(3, 3),
 * stride=(1, 1)): ...`, which names the layer and its settings.
 */
export function callAs<T>(layer: { toString(): string }, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof NablaError)) throw e;
    const message = e.message.replace(/^[A-Za-z0-9_]+: /, '');
    throw new NablaError(`${layer.toString()}: ${message}`);
  }
}

/** Throws `Layer: message` for a bad argument of a layer's constructor. */
export function badArgument(layer: string, message: string): never {
  throw new NablaError(`${layer}: ${message}`);
}

/** Checks that each value is a positive integer (a size). */
export function checkSizes(layer: string, sizes: Record<string, number>): void {
  for (const [name, v] of Object.entries(sizes)) {
    if (!Number.isInteger(v) || v <= 0) {
      badArgument(layer, `${name} must be a positive integer, got ${String(v)}`);
    }
  }
}

/**
 * PyTorch's first keyword argument may be given bare or in an options object:
 * `new ReLU(true)` and `new ReLU({ inplace: true })` are the same.
 */
export function optionsOf<O extends object, K extends keyof O>(
  arg: O[K] | O | undefined,
  key: K,
): Partial<O> {
  if (arg === undefined) return {};
  if (typeof arg === 'object' && arg !== null && !Array.isArray(arg)) return arg as Partial<O>;
  return { [key]: arg } as unknown as Partial<O>;
}
