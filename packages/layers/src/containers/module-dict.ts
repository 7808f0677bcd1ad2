import { NablaError } from '@nabla/tensor';
import { type AnyModule, Module } from '../module.js';
import type { TensorModule } from './sequential.js';

/**
 * Submodules by name, registered so that `parameters()` and the state dict see them, in
 * insertion order. It has no `forward`. Mirrors `nn.ModuleDict`.
 *
 * @example
 * ```ts
 * const heads = new ModuleDict({ cls: new Linear(128, 10), box: new Linear(128, 4) });
 * heads.get('cls');          // Linear(in_features=128, out_features=10, bias=True)
 * heads.keys();              // ['cls', 'box']
 * ```
 */
export class ModuleDict<M extends AnyModule = TensorModule> extends Module<[], never> {
  /** @internal */
  declare readonly _entries: Map<string, M>;

  constructor(modules: Record<string, NoInfer<M>> | Iterable<[string, NoInfer<M>]> = {}) {
    super();
    Object.defineProperty(this, '_entries', { value: new Map() });
    this.update(modules);
  }

  /** @internal */
  override _childEntries(): [string, AnyModule][] {
    return [...(this._entries as Map<string, AnyModule>), ...super._childEntries()];
  }

  /** The number of modules. */
  override get length(): number {
    return this._entries.size;
  }

  /** The module under `key`; throws when there is none (`dict[key]`). */
  get(key: string): M {
    const m = this._entries.get(key);
    if (m === undefined) throw new NablaError(`ModuleDict: no module under key "${key}"`);
    return m;
  }

  /** Adds or replaces the module under `key` (`dict[key] = module`). */
  set(key: string, module: M): void {
    if (!(module instanceof Module)) {
      throw new NablaError(`ModuleDict: ${String(module)} is not a Module subclass`);
    }
    if (key === '' || key.includes('.')) {
      throw new NablaError(`ModuleDict: key can't be empty or contain ".", got "${key}"`);
    }
    this._entries.set(key, module);
  }

  /** Whether a module is under `key` (`key in dict`). */
  has(key: string): boolean {
    return this._entries.has(key);
  }

  /** Removes and returns the module under `key` (`pop`). */
  pop(key: string): M {
    const m = this.get(key);
    this._entries.delete(key);
    return m;
  }

  /** Adds every entry of `modules` (`update`). */
  update(modules: Record<string, M> | Iterable<[string, M]>): void {
    const entries =
      Symbol.iterator in modules
        ? (modules as Iterable<[string, M]>)
        : Object.entries(modules as Record<string, M>);
    for (const [key, m] of entries) this.set(key, m);
  }

  keys(): string[] {
    return [...this._entries.keys()];
  }

  values(): M[] {
    return [...this._entries.values()];
  }

  entries(): [string, M][] {
    return [...this._entries];
  }

  [Symbol.iterator](): IterableIterator<string> {
    return this._entries.keys();
  }

  /** A ModuleDict is not callable: PyTorch raises NotImplementedError. */
  forward(): never {
    throw new NablaError('Module [ModuleDict] is missing the required "forward" function');
  }
}
