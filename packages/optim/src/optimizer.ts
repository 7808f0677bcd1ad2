import { enableGrad, keep, noGrad, Tensor } from '@nabla/tensor';
import { type ParamGroup, type ParamGroupInit, toParamGroups } from './param-groups.js';
import { pythonName, pythonStr, tsName } from './python.js';

/** The keys learning-rate schedulers add to a param group (PyTorch's `initial_lr`, ...). */
export interface SchedulerKeys {
  /** The lr a scheduler started from (`initial_lr`). */
  initialLr?: number;
  /** OneCycleLR's peak lr (`max_lr`). */
  maxLr?: number;
  /** OneCycleLR's final lr (`min_lr`). */
  minLr?: number;
  /** OneCycleLR's upper momentum (`max_momentum`). */
  maxMomentum?: number;
  /** OneCycleLR's lower momentum (`base_momentum`). */
  baseMomentum?: number;
}

/** A param group as an optimizer keeps it: its tensors, every option, and scheduler keys. */
export type OptimizerGroup<O extends object> = ParamGroup<Tensor, O> & SchedulerKeys;

/** What an optimizer is given: tensors, or param groups (`{ params, ...options }`). */
export type OptimizerParams<O extends object> =
  | Iterable<Tensor>
  | Iterable<ParamGroupInit<Tensor, O>>;

/** A value of a parameter's optimizer state: a tensor (`exp_avg`), a count (`step`), or null. */
export type StateValue = Tensor | number | null;

/**
 * PyTorch's `optimizer.state_dict()` layout and names: `state` keyed by parameter index,
 * `param_groups` with PyTorch's option names and `params` as lists of indices.
 */
export interface OptimizerStateDict {
  state: Record<number, Record<string, StateValue>>;
  param_groups: ({ params: number[] } & Record<string, unknown>)[];
}

/** How a subclass describes itself to the base class. */
export interface OptimizerSpec {
  /** The class name PyTorch prints (`SGD`, `Adam`). */
  name: string;
  /**
   * Options PyTorch 1.13 keeps in every group that Nabla has no use for (`foreach`,
   * `differentiable`, `capturable`, `fused`), with their defaults: printed and saved as PyTorch
   * does, ignored when loaded.
   */
  torchOnly: Readonly<Record<string, boolean | null>>;
}

/**
 * The base class of optimizers, PyTorch's `torch.optim.Optimizer`: param groups with their
 * options, per-parameter state, `zeroGrad`, `step`, state dicts and the printout.
 *
 * A subclass implements {@link Optimizer.updateGroup}, which runs under `noGrad` and updates
 * the parameters of one group that have a gradient.
 *
 * @typeParam O - the options of a group (`SgdDefaults`, `AdamDefaults`)
 * @typeParam S - the state of one parameter (`SgdState`, `AdamState`)
 */
export abstract class Optimizer<O extends { lr: number }, S extends object> {
  /** The options a group gets when it does not set them (`optimizer.defaults`). */
  readonly defaults: O;
  /** The param groups (`optimizer.param_groups`); schedulers change their `lr`. */
  paramGroups: OptimizerGroup<O>[] = [];
  /** Per-parameter state, made on a parameter's first step (`optimizer.state`). */
  state = new Map<Tensor, S>();
  readonly #spec: OptimizerSpec;

  protected constructor(params: OptimizerParams<O>, defaults: O, spec: OptimizerSpec) {
    this.defaults = defaults;
    this.#spec = spec;
    if (params instanceof Tensor) {
      throw new TypeError(
        'params argument given to the optimizer should be an iterable of Tensors or param ' +
          'groups, but got a Tensor',
      );
    }
    for (const group of toParamGroups<Tensor, O>(params, defaults)) this.#add(group);
  }

  /**
   * Updates the parameters of `group` that have a gradient, one step; runs under `noGrad`.
   * Parameters without a gradient are skipped, as PyTorch skips them.
   */
  protected abstract updateGroup(group: OptimizerGroup<O>): void;

  /** Called for each new group; Adagrad makes its state here, as PyTorch's does. */
  protected initGroup(_group: OptimizerGroup<O>): void {}

  /**
   * Clears the gradients of every parameter (`optimizer.zero_grad(set_to_none=True)`): to null,
   * as PyTorch 2 does, or, with `setToNone = false`, to zeros in place (PyTorch 1.x's default).
   */
  zeroGrad(setToNone = true): void {
    noGrad(() => {
      for (const group of this.paramGroups) {
        for (const p of group.params) {
          const grad = p.grad;
          if (grad === null) continue;
          if (setToNone) p.grad = null;
          else grad.zero_();
        }
      }
    });
  }

  /**
   * One optimization step (`optimizer.step(closure)`). The closure, when given, re-evaluates the
   * model with gradients on and returns the loss, which `step` returns.
   */
  step<L = undefined>(closure?: () => L): L | undefined {
    const loss = closure === undefined ? undefined : enableGrad(closure);
    noGrad(() => {
      for (const group of this.paramGroups) this.updateGroup(group);
    });
    // the optimizer's state outlives any tidy() the step runs in, as the parameters do
    for (const state of this.state.values()) {
      for (const value of Object.values(state)) if (value instanceof Tensor) keep(value);
    }
    return loss;
  }

  /**
   * Adds a param group, for example layers unfrozen during fine-tuning
   * (`optimizer.add_param_group`). Options it does not set come from the defaults.
   *
   * @throws Error `some parameters appear in more than one parameter group`, or
   *   `can't optimize a non-leaf Tensor`.
   */
  addParamGroup(group: { params: Tensor | Iterable<Tensor> } & Partial<O> & SchedulerKeys): void {
    const init = group.params instanceof Tensor ? { ...group, params: [group.params] } : group;
    const [added] = toParamGroups<Tensor, O>([init as ParamGroupInit<Tensor, O>], this.defaults);
    if (added !== undefined) this.#add(added);
  }

  #add(group: OptimizerGroup<O>): void {
    for (const p of group.params) {
      if (!(p instanceof Tensor)) {
        throw new TypeError(
          `optimizer can only optimize Tensors, but one of the params is ${typeof p}`,
        );
      }
      if (!p.isLeaf) throw new Error("can't optimize a non-leaf Tensor");
    }
    const existing = new Set(this.paramGroups.flatMap((g) => g.params));
    if (group.params.some((p) => existing.has(p))) {
      throw new Error('some parameters appear in more than one parameter group');
    }
    this.paramGroups.push(group);
    this.initGroup(group);
  }

  /** The state of `p`, made empty on first use (PyTorch's `defaultdict(dict)`). */
  protected stateOf(p: Tensor): Partial<S> {
    let s = this.state.get(p);
    if (s === undefined) {
      s = {} as S;
      this.state.set(p, s);
    }
    return s;
  }

  /**
   * The state in PyTorch's layout (`optimizer.state_dict()`): parameters become their index
   * across all groups, names are PyTorch's. Tensors are the live state, not copies.
   */
  stateDict(): OptimizerStateDict {
    const index = new Map<Tensor, number>();
    let start = 0;
    const groups = this.paramGroups.map((group) => {
      const packed: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(group)) {
        if (key !== 'params') packed[pythonName(key)] = Array.isArray(value) ? [...value] : value;
      }
      Object.assign(packed, this.#spec.torchOnly);
      group.params.forEach((p, i) => {
        if (!index.has(p)) index.set(p, start + i);
      });
      start += group.params.length;
      return { ...packed, params: group.params.map((p) => index.get(p) as number) };
    });
    const state: Record<number, Record<string, StateValue>> = {};
    for (const [p, s] of this.state) {
      const i = index.get(p);
      if (i === undefined) continue;
      const entry: Record<string, StateValue> = {};
      for (const [key, value] of Object.entries(s)) entry[pythonName(key)] = value as StateValue;
      state[i] = entry;
    }
    return { state, param_groups: groups };
  }

  /**
   * Loads a state dict of {@link Optimizer.stateDict}'s layout (`optimizer.load_state_dict`):
   * the groups' options and each parameter's state (tensors copied onto the parameter's
   * device). The groups must match this optimizer's in number and sizes.
   *
   * @throws Error `loaded state dict has a different number of parameter groups`, or
   *   `loaded state dict contains a parameter group that doesn't match the size of
   *   optimizer's group`.
   */
  loadStateDict(stateDict: OptimizerStateDict): void {
    const groups = this.paramGroups;
    const saved = stateDict.param_groups;
    if (groups.length !== saved.length) {
      throw new Error('loaded state dict has a different number of parameter groups');
    }
    if (groups.some((g, i) => g.params.length !== saved[i]?.params.length)) {
      throw new Error(
        "loaded state dict contains a parameter group that doesn't match the size of optimizer's group",
      );
    }
    const byIndex = new Map<number, Tensor>();
    const savedIds = saved.flatMap((g) => g.params);
    groups
      .flatMap((g) => g.params)
      .forEach((p, i) => {
        byIndex.set(savedIds[i] as number, p);
      });
    const state = new Map<Tensor, S>();
    for (const [key, entry] of Object.entries(stateDict.state)) {
      const p = byIndex.get(Number(key));
      if (p === undefined) continue;
      const s: Record<string, StateValue> = {};
      for (const [name, value] of Object.entries(entry))
        s[tsName(name)] = copyState(name, value, p);
      state.set(p, s as S);
    }
    this.paramGroups = groups.map((group, i) => {
      const loaded: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(saved[i] ?? {})) {
        if (name === 'params' || name in this.#spec.torchOnly) continue;
        loaded[tsName(name)] = Array.isArray(value) ? [...value] : value;
      }
      return { ...(loaded as O & SchedulerKeys), params: group.params };
    });
    this.state = state;
  }

  /**
   * PyTorch's `print(optimizer)`: the class name, then each group's options sorted by their
   * Python names, with Python's spelling of values.
   *
   * @example
   * new SGD([w], { lr: 0.001 }).toString();
   * // 'SGD (\nParameter Group 0\n    dampening: 0\n    differentiable: False\n ...\n)'
   */
  toString(): string {
    let text = `${this.#spec.name} (`;
    this.paramGroups.forEach((group, i) => {
      text += `\nParameter Group ${i}\n`;
      const entries = new Map<string, unknown>(Object.entries(this.#spec.torchOnly));
      for (const [key, value] of Object.entries(group)) {
        if (key !== 'params') entries.set(pythonName(key), value);
      }
      for (const key of [...entries.keys()].sort()) {
        text += `    ${key}: ${pythonStr(entries.get(key))}\n`;
      }
    });
    return `${text})`;
  }
}

/**
 * A copy of a loaded state value: tensors cloned onto `p`'s device, as PyTorch's deepcopy and
 * cast do; `step`, a one-element tensor in PyTorch's Adam, Adagrad and AdamW, as a number.
 */
function copyState(name: string, value: StateValue, p: Tensor): StateValue {
  if (!(value instanceof Tensor)) return value;
  if (name === 'step') return value.item();
  return noGrad(() => value.to(p.device).clone());
}
