import { NablaError, type Tensor } from '@nabla/tensor';
import { type AnyModule, Module } from '../module.js';

/** A module that maps a tensor to a tensor: what a Sequential chains. */
export type TensorModule = Module<[Tensor], Tensor>;

/** Wraps a possibly negative index into `[0, n)`, or throws PyTorch's IndexError. */
export function wrapIndex(container: string, i: number, n: number): number {
  if (!Number.isInteger(i) || i < -n || i >= n) {
    throw new NablaError(`${container}: index ${i} is out of range (length ${n})`);
  }
  return i < 0 ? i + n : i;
}

/**
 * A chain of modules: calling it feeds the input through each in turn (PyTorch's
 * `nn.Sequential`). The modules are registered under the names `0`, `1`, ... (or the keys of
 * a record), so a state dict reads `features.0.weight`. The same module may appear several
 * times (one shared ReLU); `parameters()` still lists its parameters once.
 *
 * @example
 * ```ts
 * const net = new Sequential(new Linear(784, 128), new ReLU(true), new Linear(128, 10));
 * net.get(-1);          // Linear(in_features=128, out_features=10, bias=True)
 * net.set(2, new Linear(128, 2));
 * net.slice(0, -1);     // a Sequential of the first two modules, shared
 * net.length;           // 3
 * ```
 */
export class Sequential extends Module {
  /** @internal The modules in order under their names. */
  declare readonly _modules: Map<string, TensorModule>;

  /**
   * `new Sequential(a, b, c)` names the modules `0`, `1`, `2`; `new Sequential({ conv, relu })`
   * or a Map uses the keys as names (PyTorch's `Sequential(OrderedDict(...))`; a plain object
   * lists integer-like keys first, as JavaScript orders them: use a Map to keep another order).
   */
  constructor(
    ...modules: TensorModule[] | [Record<string, TensorModule> | Map<string, TensorModule>]
  );
  constructor(...args: unknown[]) {
    super();
    Object.defineProperty(this, '_modules', { value: new Map() });
    const [first] = args;
    if (first instanceof Map) {
      for (const [name, m] of first) this.addModule(String(name), m as TensorModule);
    } else if (
      args.length === 1 &&
      !(first instanceof Module) &&
      typeof first === 'object' &&
      first
    ) {
      for (const [name, m] of Object.entries(first)) this.addModule(name, m as TensorModule);
    } else {
      args.forEach((m, i) => {
        this.addModule(String(i), m as TensorModule);
      });
    }
  }

  /** @internal */
  override _childEntries(): [string, AnyModule][] {
    return [...(this._modules as Map<string, AnyModule>), ...super._childEntries()];
  }

  /** Adds `module` under `name` (`add_module`). */
  addModule(name: string, module: TensorModule): void {
    if (!(module instanceof Module)) {
      throw new NablaError(`Sequential: ${String(module)} is not a Module subclass`);
    }
    if (name === '' || name.includes('.')) {
      throw new NablaError(`Sequential: module name can't be empty or contain ".", got "${name}"`);
    }
    this._modules.set(name, module);
  }

  /** The number of modules (`len(seq)`). */
  override get length(): number {
    return this._modules.size;
  }

  /** The module at position `i`; negative counts from the end (`seq[i]`). */
  get(i: number): TensorModule {
    const keys = [...this._modules.keys()];
    return this._modules.get(
      keys[wrapIndex('Sequential', i, keys.length)] as string,
    ) as TensorModule;
  }

  /** Replaces the module at position `i`, keeping its name (`seq[i] = module`). */
  set(i: number, module: TensorModule): void {
    const keys = [...this._modules.keys()];
    this.addModule(keys[wrapIndex('Sequential', i, keys.length)] as string, module);
  }

  /**
   * The modules from `start` up to (not including) `end` as a new Sequential that shares
   * them, keeping their names (`seq[start:end]`); negative positions count from the end.
   */
  slice(start = 0, end: number = this.length): Sequential {
    return new Sequential(new Map([...this._modules].slice(start, end)));
  }

  /** Adds `module` at the end (`append`). */
  append(module: TensorModule): this {
    this.addModule(String(this.length), module);
    return this;
  }

  /** The modules in order (`for m in seq`). */
  [Symbol.iterator](): IterableIterator<TensorModule> {
    return this._modules.values();
  }

  forward(x: Tensor): Tensor {
    let out = x;
    for (const m of this._modules.values()) out = m(out);
    return out;
  }
}
