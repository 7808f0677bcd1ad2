/**
 * Forward hooks: functions a module runs around each call, as PyTorch's
 * `register_forward_pre_hook` and `register_forward_hook`. `summary` builds its table with them.
 */

/** Removes the hook it was returned for (PyTorch's `RemovableHandle`). */
export interface RemovableHandle {
  remove(): void;
}

/**
 * Runs before `forward` with the module and its arguments; returning an array replaces the
 * arguments.
 */
export type ForwardPreHook<M> = (module: M, args: unknown[]) => unknown[] | undefined;

/**
 * Runs after `forward` with the module, its arguments and its output; returning a value other
 * than `undefined` replaces the output.
 */
export type ForwardHook<M> = (module: M, args: unknown[], output: unknown) => unknown;

/** The hooks of one module, and what `forward` was before the hooks wrapped it. */
export interface HookTable<M> {
  readonly pre: Map<number, ForwardPreHook<M>>;
  readonly post: Map<number, ForwardHook<M>>;
  /** The module's own `forward` property before wrapping (a class-field arrow), if it had one. */
  ownForward?: PropertyDescriptor | undefined;
  wrapped: boolean;
}

let nextHookId = 0;

export function newHookTable<M>(): HookTable<M> {
  return { pre: new Map(), post: new Map(), wrapped: false };
}

type Forward = (...args: unknown[]) => unknown;

/**
 * Adds a hook. The first hook wraps the module's `forward` in an own property that runs the
 * hooks, since calling a module (`net(x)`) goes through `forward`; removing the last hook
 * takes the wrapper off again, so modules without hooks pay nothing.
 */
export function addHook<M extends object>(
  module: M,
  table: HookTable<M>,
  kind: 'pre' | 'post',
  hook: ForwardPreHook<M> | ForwardHook<M>,
): RemovableHandle {
  const id = nextHookId++;
  if (kind === 'pre') table.pre.set(id, hook as ForwardPreHook<M>);
  else table.post.set(id, hook as ForwardHook<M>);
  if (!table.wrapped) wrapForward(module, table);
  return {
    remove(): void {
      table.pre.delete(id);
      table.post.delete(id);
      if (table.wrapped && table.pre.size === 0 && table.post.size === 0) unwrap(module, table);
    },
  };
}

function wrapForward<M extends object>(module: M, table: HookTable<M>): void {
  table.ownForward = Object.getOwnPropertyDescriptor(module, 'forward');
  const inner: Forward =
    (table.ownForward?.value as Forward | undefined) ??
    (Object.getPrototypeOf(module) as { forward: Forward }).forward;
  const hooked = (...callArgs: unknown[]): unknown => {
    let args = callArgs;
    for (const hook of [...table.pre.values()]) {
      const replaced = hook(module, args);
      if (replaced !== undefined) args = replaced;
    }
    let output = inner.apply(module, args);
    for (const hook of [...table.post.values()]) {
      const replaced = hook(module, args, output);
      if (replaced !== undefined) output = replaced;
    }
    return output;
  };
  Object.defineProperty(module, 'forward', {
    value: hooked,
    writable: true,
    configurable: true,
    enumerable: false,
  });
  table.wrapped = true;
}

function unwrap<M extends object>(module: M, table: HookTable<M>): void {
  if (table.ownForward === undefined) delete (module as { forward?: unknown }).forward;
  else Object.defineProperty(module, 'forward', table.ownForward);
  table.ownForward = undefined;
  table.wrapped = false;
}
