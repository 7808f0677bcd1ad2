import { NablaError } from '@nabla/tensor';
import { type AnyModule, Module } from '../module.js';
import { type TensorModule, wrapIndex } from './sequential.js';

/**
 * A list of submodules, registered under `0`, `1`, ... so that `parameters()` and the state
 * dict see them (a plain array would hide them, as a Python list does). It has no `forward`:
 * the owner decides how to call the modules. Mirrors `nn.ModuleList`.
 *
 * @example
 * ```ts
 * const blocks = new ModuleList([new Linear(4, 4), new Linear(4, 4)]);
 * for (const block of blocks) x = block(x);
 * blocks.append(new Linear(4, 2)).length; // 3
 * ```
 */
export class ModuleList<M extends AnyModule = TensorModule> extends Module<[], never> {
  /** @internal */
  declare readonly _items: M[];

  constructor(modules: Iterable<NoInfer<M>> = []) {
    super();
    Object.defineProperty(this, '_items', { value: [] });
    this.extend(modules);
  }

  /** @internal */
  override _childEntries(): [string, AnyModule][] {
    return [
      ...this._items.map((m, i): [string, AnyModule] => [String(i), m]),
      ...super._childEntries(),
    ];
  }

  /** The number of modules. */
  override get length(): number {
    return this._items.length;
  }

  private checked(module: M): M {
    if (!(module instanceof Module)) {
      throw new NablaError(`ModuleList: ${String(module)} is not a Module subclass`);
    }
    return module;
  }

  /** The module at `i`; negative counts from the end. */
  get(i: number): M {
    return this._items[wrapIndex('ModuleList', i, this._items.length)] as M;
  }

  /** Replaces the module at `i`. */
  set(i: number, module: M): void {
    this._items[wrapIndex('ModuleList', i, this._items.length)] = this.checked(module);
  }

  /** Adds a module at the end (`append`). */
  append(module: M): this {
    this._items.push(this.checked(module));
    return this;
  }

  /** Adds modules at the end (`extend`). */
  extend(modules: Iterable<M>): this {
    for (const m of modules) this.append(m);
    return this;
  }

  /** Inserts a module before position `i` (`insert`). */
  insert(i: number, module: M): void {
    const n = this._items.length;
    const at = i < 0 ? Math.max(n + i, 0) : Math.min(i, n);
    this._items.splice(at, 0, this.checked(module));
  }

  /** The modules from `start` to `end` as a new ModuleList sharing them (`list[a:b]`). */
  slice(start?: number, end?: number): ModuleList<M> {
    return new ModuleList(this._items.slice(start, end));
  }

  [Symbol.iterator](): IterableIterator<M> {
    return this._items.values();
  }

  /** A ModuleList is not callable: PyTorch raises NotImplementedError. */
  forward(): never {
    throw new NablaError('Module [ModuleList] is missing the required "forward" function');
  }
}
