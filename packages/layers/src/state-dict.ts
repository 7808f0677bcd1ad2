import { shapeToString } from '@nabla/backend';
import { NablaError, noGrad, Tensor } from '@nabla/tensor';
import type { AnyModule } from './module.js';

/**
 * A module's state: every parameter and persistent buffer under its dotted path
 * (`features.0.weight`), in the order `Module.stateDict()` visits them. PyTorch's `state_dict()`.
 */
export type StateDict = Record<string, Tensor>;

/** Options of `Module.loadStateDict`. */
export interface LoadStateDictOptions {
  /** Report missing and unexpected keys as an error (default true), as PyTorch's `strict`. */
  strict?: boolean;
}

/** What `Module.loadStateDict` found: keys the module has that `sd` lacked, and the reverse. */
export interface LoadStateDictResult {
  missingKeys: string[];
  unexpectedKeys: string[];
}

/**
 * What loading gathers over the whole module tree before it writes anything: loading is all or
 * nothing, so a bad checkpoint leaves the module as it was.
 */
export interface LoadContext {
  readonly missingKeys: string[];
  readonly errors: string[];
  readonly expected: Set<string>;
  readonly copies: [target: Tensor, source: Tensor][];
}

export function newLoadContext(): LoadContext {
  return { missingKeys: [], errors: [], expected: new Set(), copies: [] };
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object' || typeof v === 'function') {
    return (v as { constructor?: { name?: string } }).constructor?.name ?? typeof v;
  }
  return typeof v;
}

/** Checks `sd[key]` against the module's tensor `target` and queues the copy. */
export function collectLoad(target: Tensor, key: string, sd: StateDict, ctx: LoadContext): void {
  ctx.expected.add(key);
  if (!Object.hasOwn(sd, key)) {
    ctx.missingKeys.push(key);
    return;
  }
  const source: unknown = sd[key];
  if (!(source instanceof Tensor)) {
    ctx.errors.push(
      `While copying the parameter named "${key}", expected a Tensor from checkpoint but received ${describe(source)}`,
    );
    return;
  }
  const same = source.ndim === target.ndim && source.shape.every((s, i) => s === target.shape[i]);
  if (!same) {
    ctx.errors.push(
      `size mismatch for ${key}: copying a param with shape ${shapeToString(source.shape)} from checkpoint, the shape in current model is ${shapeToString(target.shape)}.`,
    );
    return;
  }
  ctx.copies.push([target, source]);
}

/**
 * PyTorch's message: `Error(s) in loading state_dict for Net:` and one tab-indented line per
 * problem, missing keys first, then unexpected keys (both only when strict), then mismatches.
 */
export function loadErrorMessage(
  moduleName: string,
  ctx: LoadContext,
  unexpectedKeys: readonly string[],
  strict: boolean,
): string | null {
  const quote = (keys: readonly string[]): string => keys.map((k) => `"${k}"`).join(', ');
  const lines = [...ctx.errors];
  if (strict && unexpectedKeys.length > 0) {
    lines.unshift(`Unexpected key(s) in state_dict: ${quote(unexpectedKeys)}. `);
  }
  if (strict && ctx.missingKeys.length > 0) {
    lines.unshift(`Missing key(s) in state_dict: ${quote(ctx.missingKeys)}. `);
  }
  if (lines.length === 0) return null;
  return `Error(s) in loading state_dict for ${moduleName}:\n\t${lines.join('\n\t')}`;
}

/** `Module.stateDict()`: parameters, then persistent buffers, then submodules, recursively. */
export function collectStateDict(root: AnyModule, prefix: string): StateDict {
  const out: StateDict = {};
  const visit = (m: AnyModule, path: string): void => {
    for (const [name, p] of m._paramEntries()) out[path + name] = p.detach();
    for (const [name, b] of m._buffers) {
      if (b !== null && !m._nonPersistent.has(name)) out[path + name] = b.detach();
    }
    // no de-duplication here: a shared module is saved under each of its names, as in PyTorch
    for (const [name, child] of m._childEntries()) visit(child, `${path}${name}.`);
  };
  visit(root, prefix);
  return out;
}

/** `Module.loadStateDict()`: checks everything, then copies under noGrad. */
export function loadIntoModule(
  root: AnyModule,
  sd: StateDict,
  options: LoadStateDictOptions,
): LoadStateDictResult {
  const strict = options.strict ?? true;
  const ctx = newLoadContext();
  const visit = (m: AnyModule, path: string): void => {
    m._loadFromStateDict(sd, path, ctx);
    for (const [name, child] of m._childEntries()) visit(child, `${path}${name}.`);
  };
  visit(root, '');
  const unexpectedKeys = Object.keys(sd).filter((k) => !ctx.expected.has(k));
  const message = loadErrorMessage(root.constructor.name, ctx, unexpectedKeys, strict);
  if (message !== null) throw new NablaError(message);
  noGrad(() => {
    for (const [target, source] of ctx.copies) {
      target.copy_(source.device === target.device ? source : source.to(target.device));
    }
  });
  return { missingKeys: ctx.missingKeys, unexpectedKeys };
}
