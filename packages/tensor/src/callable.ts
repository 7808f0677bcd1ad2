/**
 * A base class whose instances can be called like functions: `net(x)` runs `net.forward(x)`,
 * as PyTorch's `Module.__call__` does. Subclasses define `forward`; `nn.Module` and the loss
 * classes build on it.
 *
 * How: the constructor returns a function whose prototype is the subclass's, so the instance is
 * both a function and an object with the subclass's fields and methods. The function's own
 * `name` and `length` properties are removed so that subclasses may use those names (TypeScript
 * sees them as Function's, so a subclass declares them with `override`).
 *
 * @example
 * class Double extends Callable<[number], number> {
 *   forward(x: number) { return 2 * x; }
 * }
 * new Double()(3); // 6
 */
// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the interface below adds the call signature
export abstract class Callable<Args extends unknown[], Result> {
  constructor() {
    const self = function (this: unknown, ...args: Args): Result {
      return (self as unknown as Callable<Args, Result>).forward(...args);
    };
    delete (self as { name?: string }).name;
    delete (self as { length?: number }).length;
    Object.setPrototypeOf(self, new.target.prototype);
    // biome-ignore lint/correctness/noConstructorReturn: returning the function is the point
    return self as unknown as Callable<Args, Result>;
  }

  /** The computation; `instance(...args)` calls it. */
  abstract forward(...args: Args): Result;
}

/** Instances of {@link Callable} can be called with the arguments of `forward`. */
export interface Callable<Args extends unknown[], Result> {
  // biome-ignore lint/style/useShorthandFunctionType: a type alias could not merge with the class
  (...args: Args): Result;
}
