import { Callable, NablaError, noGrad, type Tensor } from '@nabla/tensor';
import { addIndent } from './format.js';
import {
  addHook,
  type ForwardHook,
  type ForwardPreHook,
  type HookTable,
  newHookTable,
  type RemovableHandle,
} from './hooks.js';
import { moveInPlace } from './move.js';
import { Parameter } from './parameter.js';
import {
  collectLoad,
  collectStateDict,
  type LoadContext,
  type LoadStateDictOptions,
  type LoadStateDictResult,
  loadIntoModule,
  type StateDict,
} from './state-dict.js';

/** Any module, whatever its `forward` takes and returns. */
export type AnyModule = Module<never, unknown>;

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** Defines a property that `Object.keys` does not list (a module's bookkeeping). */
function hide(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, configurable: true });
}

/**
 * The base class of every layer and model, PyTorch's `nn.Module`. A subclass assigns its layers
 * and parameters to its own properties and defines `forward`; calling the module (`net(x)`)
 * runs `forward`.
 *
 * Registration is by assignment, as PyTorch's `__setattr__`: a property holding a `Module` is a
 * submodule and a property holding a `Parameter` is a parameter, in the order they were first
 * assigned, so `net.fc = new Linear(512, 10)` replaces a layer in place. Buffers (tensors that
 * are state but not learned, such as BatchNorm's running mean) are registered explicitly with
 * {@link Module.registerBuffer}, under PyTorch's state-dict names.
 *
 * Traversals de-duplicate as PyTorch's do: a module or parameter used in two places is visited
 * once by `parameters()`, `modules()`, `children()`; `stateDict()` lists it under every name.
 *
 * @example
 * ```ts
 * class Net extends Module {
 *   l1 = new Linear(784, 128);
 *   relu = new ReLU(true);
 *   l2 = new Linear(128, 10);
 *   forward(x: Tensor): Tensor {
 *     return this.l2(this.relu(this.l1(x)));
 *   }
 * }
 * const net = new Net();
 * net(torch.randn(100, 784)).shape; // [100, 10]
 * net.parameters().length;          // 4
 * ```
 */
export abstract class Module<Args extends unknown[] = [Tensor], Result = Tensor> extends Callable<
  Args,
  Result
> {
  /** True in training mode (the default), false after `eval()` (PyTorch's `training`). */
  declare training: boolean;
  /** @internal Buffers by their state-dict names; null marks a registered empty slot. */
  declare readonly _buffers: Map<string, Tensor | null>;
  /** @internal Names of the buffers left out of the state dict. */
  declare readonly _nonPersistent: Set<string>;
  /** @internal */
  declare readonly _hooks: HookTable<AnyModule>;

  constructor() {
    super();
    hide(this, 'training', true);
    hide(this, '_buffers', new Map());
    hide(this, '_nonPersistent', new Set());
    hide(this, '_hooks', newHookTable());
  }

  // --- registration -------------------------------------------------------------------------

  /** @internal The submodules under their own names, in registration order. */
  _childEntries(): [string, AnyModule][] {
    return Object.entries(this).filter((e): e is [string, AnyModule] => e[1] instanceof Module);
  }

  /** @internal The parameters held directly by this module, in registration order. */
  _paramEntries(): [string, Parameter][] {
    return Object.entries(this).filter((e): e is [string, Parameter] => e[1] instanceof Parameter);
  }

  private checkName(kind: string, name: string): void {
    if (name === '') throw new NablaError(`${kind} name can't be empty string ""`);
    if (name.includes('.')) throw new NablaError(`${kind} name can't contain ".", got "${name}"`);
  }

  /**
   * Adds a parameter under `name` (or null for an absent one, such as `bias=False`); the same as
   * assigning it to the property. Mirrors `register_parameter(name, param)`.
   */
  registerParameter(name: string, param: Parameter | null): void {
    this.checkName('parameter', name);
    if (this._buffers.has(name)) throw new NablaError(`attribute "${name}" already exists`);
    if (param !== null && !(param instanceof Parameter)) {
      throw new NablaError(
        `cannot assign a ${describe(param)} as parameter "${name}" (a Parameter or null expected)`,
      );
    }
    Object.defineProperty(this, name, {
      value: param,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }

  /** Adds a submodule under `name`; the same as assigning it. Mirrors `register_module`. */
  registerModule(name: string, module: AnyModule | null): void {
    this.checkName('module', name);
    if (this._buffers.has(name)) throw new NablaError(`attribute "${name}" already exists`);
    Object.defineProperty(this, name, {
      value: module,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }

  /**
   * Adds a buffer: a tensor that is part of the module's state but not a parameter. It is
   * moved by `to()`, and saved in the state dict unless `persistent` is false. The buffer is
   * also readable and writable as a property of that name. Mirrors `register_buffer`.
   *
   * @example
   * ```ts
   * this.registerBuffer('running_mean', torch.zeros(numFeatures));
   * ```
   */
  registerBuffer(name: string, tensor: Tensor | null, persistent = true): void {
    this.checkName('buffer', name);
    if (!this._buffers.has(name) && Object.hasOwn(this, name)) {
      throw new NablaError(`attribute "${name}" already exists`);
    }
    this._buffers.set(name, tensor);
    if (persistent) this._nonPersistent.delete(name);
    else this._nonPersistent.add(name);
    if (!(name in this)) {
      Object.defineProperty(this, name, {
        get: () => this._buffers.get(name) ?? null,
        set: (t: Tensor | null) => this._buffers.set(name, t),
        configurable: true,
      });
    }
  }

  /** The buffer registered under `name`, or null. */
  getBuffer(name: string): Tensor | null {
    return this._buffers.get(name) ?? null;
  }

  /** Replaces the buffer registered under `name` (it must exist). */
  setBuffer(name: string, tensor: Tensor | null): void {
    if (!this._buffers.has(name)) throw new NablaError(`no buffer named "${name}"`);
    this._buffers.set(name, tensor);
  }

  // --- traversal ----------------------------------------------------------------------------

  /** Direct submodules with their names, each module once (`named_children()`). */
  namedChildren(): [string, AnyModule][] {
    const seen = new Set<AnyModule>();
    return this._childEntries().filter(([, m]) => !seen.has(m) && seen.add(m));
  }

  /** Direct submodules, each once (`children()`). */
  children(): AnyModule[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** This module and all below it with dotted names, each module once (`named_modules()`). */
  namedModules(prefix = ''): [string, AnyModule][] {
    const out: [string, AnyModule][] = [];
    const seen = new Set<AnyModule>();
    const visit = (m: AnyModule, path: string): void => {
      if (seen.has(m)) return;
      seen.add(m);
      out.push([path, m]);
      for (const [name, child] of m._childEntries()) visit(child, path ? `${path}.${name}` : name);
    };
    visit(this as unknown as AnyModule, prefix);
    return out;
  }

  /** This module and all below it, each once (`modules()`). */
  modules(): AnyModule[] {
    return this.namedModules().map(([, m]) => m);
  }

  private namedMembers<T>(
    members: (m: AnyModule) => [string, T | null][],
    prefix: string,
    recurse: boolean,
  ): [string, T][] {
    const modules = recurse ? this.namedModules(prefix) : [[prefix, this as unknown as AnyModule]];
    const seen = new Set<T>();
    const out: [string, T][] = [];
    for (const [path, m] of modules as [string, AnyModule][]) {
      for (const [name, value] of members(m)) {
        if (value === null || seen.has(value)) continue;
        seen.add(value);
        out.push([path ? `${path}.${name}` : name, value]);
      }
    }
    return out;
  }

  /** Parameters with dotted names (`l1.weight`), each once (`named_parameters()`). */
  namedParameters(prefix = '', recurse = true): [string, Parameter][] {
    return this.namedMembers((m) => m._paramEntries(), prefix, recurse);
  }

  /** Every parameter, each once: what an optimizer takes (`parameters()`). */
  parameters(recurse = true): Parameter[] {
    return this.namedParameters('', recurse).map(([, p]) => p);
  }

  /** Buffers with dotted names (`bn1.running_mean`), each once (`named_buffers()`). */
  namedBuffers(prefix = '', recurse = true): [string, Tensor][] {
    return this.namedMembers((m) => [...m._buffers.entries()], prefix, recurse);
  }

  /** Every buffer, each once (`buffers()`). */
  buffers(recurse = true): Tensor[] {
    return this.namedBuffers('', recurse).map(([, b]) => b);
  }

  /** The submodule at a dotted path: `net.getSubmodule('features.0')` (`get_submodule`). */
  getSubmodule(target: string): AnyModule {
    let m = this as unknown as AnyModule;
    if (target === '') return m;
    for (const name of target.split('.')) {
      const next = m._childEntries().find(([n]) => n === name)?.[1];
      if (next === undefined) {
        throw new NablaError(`${m.constructor.name} has no attribute \`${name}\` (in "${target}")`);
      }
      m = next;
    }
    return m;
  }

  // --- modes and bulk operations -------------------------------------------------------------

  /** Sets training mode (true) or evaluation mode (false) here and below (`train(mode)`). */
  train(mode = true): this {
    this.training = mode;
    for (const child of this.children()) child.train(mode);
    return this;
  }

  /** Evaluation mode: Dropout passes inputs through, BatchNorm uses running statistics. */
  eval(): this {
    return this.train(false);
  }

  /** Calls `fn` on every submodule (children first) and then on this module (`apply(fn)`). */
  override apply(fn: (module: AnyModule) => void): this {
    for (const child of this.children()) child.apply(fn);
    fn(this as unknown as AnyModule);
    return this;
  }

  /**
   * Clears the gradients of every parameter: sets them to null, as PyTorch 2's `zero_grad()`,
   * or fills them with zeros when `setToNone` is false (PyTorch 1's printouts).
   */
  zeroGrad(setToNone = true): void {
    for (const p of this.parameters()) {
      const grad = p.grad;
      if (grad === null) continue;
      if (setToNone) p.grad = null;
      else noGrad(() => grad.zero_());
    }
  }

  /** Sets `requiresGrad` on every parameter: `requiresGrad_(false)` freezes a model. */
  requiresGrad_(requiresGrad = true): this {
    for (const p of this.parameters()) p.requiresGrad_(requiresGrad);
    return this;
  }

  /**
   * Moves every parameter and buffer to `device` in place and returns this module (`to(device)`).
   * Parameters stay the same objects, so an optimizer made before the move still holds them.
   */
  to(device: string): this {
    for (const p of this.parameters()) moveInPlace(p, device);
    const moved = new Map<Tensor, Tensor>();
    for (const m of this.modules()) {
      for (const [name, b] of m._buffers) {
        if (b === null) continue;
        if (!moved.has(b)) moved.set(b, b.to(device));
        m._buffers.set(name, moved.get(b) as Tensor);
      }
    }
    return this;
  }

  // --- hooks --------------------------------------------------------------------------------

  /** Runs `hook(module, args)` before each call of `forward` (`register_forward_pre_hook`). */
  registerForwardPreHook(hook: ForwardPreHook<AnyModule>): RemovableHandle {
    return addHook(this as unknown as AnyModule, this._hooks, 'pre', hook);
  }

  /** Runs `hook(module, args, output)` after each call (`register_forward_hook`). */
  registerForwardHook(hook: ForwardHook<AnyModule>): RemovableHandle {
    return addHook(this as unknown as AnyModule, this._hooks, 'post', hook);
  }

  // --- state dict ---------------------------------------------------------------------------

  /**
   * Every parameter and persistent buffer under its dotted name, detached (sharing memory with
   * the module), in PyTorch's order: a module's parameters, then its buffers, then its
   * submodules'. A shared module appears under each of its names (`state_dict()`).
   */
  stateDict(prefix = ''): StateDict {
    return collectStateDict(this as unknown as AnyModule, prefix);
  }

  /**
   * Copies the values of `sd` into this module's parameters and buffers (`load_state_dict`).
   * Every problem is reported in one error, in PyTorch's words: missing and unexpected keys
   * (when `strict`, the default) and mis-shaped tensors (always). Nothing is written unless
   * the whole load succeeds.
   *
   * @example
   * ```ts
   * const { missingKeys, unexpectedKeys } = net.loadStateDict(sd, { strict: false });
   * ```
   */
  loadStateDict(sd: StateDict, options: LoadStateDictOptions = {}): LoadStateDictResult {
    return loadIntoModule(this as unknown as AnyModule, sd, options);
  }

  /**
   * @internal Checks this module's own entries of `sd` (keys `prefix + name`) and queues their
   * copies. BatchNorm overrides it to accept checkpoints without `num_batches_tracked`.
   */
  _loadFromStateDict(sd: StateDict, prefix: string, ctx: LoadContext): void {
    for (const [name, p] of this._paramEntries()) collectLoad(p, prefix + name, sd, ctx);
    for (const [name, b] of this._buffers) {
      if (b !== null && !this._nonPersistent.has(name)) collectLoad(b, prefix + name, sd, ctx);
    }
  }

  // --- printing -----------------------------------------------------------------------------

  /** The layer's settings inside its printout's parentheses (PyTorch's `extra_repr`). */
  extraRepr(): string {
    return '';
  }

  /**
   * The module as PyTorch's `print(net)` shows it: the class name, the settings of each layer,
   * and the submodules indented under their names.
   */
  override toString(): string {
    const extraLines = this.extraRepr() ? this.extraRepr().split('\n') : [];
    const childLines = this._childEntries().map(
      ([name, m]) => `(${name}): ${addIndent(m.toString(), 2)}`,
    );
    const lines = [...extraLines, ...childLines];
    let body = '';
    if (extraLines.length === 1 && childLines.length === 0) body = extraLines[0] as string;
    else if (lines.length > 0) body = `\n  ${lines.join('\n  ')}\n`;
    return `${this.constructor.name}(${body})`;
  }

  /** Node's `console.log(net)` prints the same as `toString()`. */
  [INSPECT](): string {
    return this.toString();
  }
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  return (v as { constructor?: { name?: string } }).constructor?.name ?? typeof v;
}
