import { Optimizer } from './optimizer.js';

/** Any optimizer, as a scheduler sees it: param groups with an `lr`. */
export type AnyOptimizer = Optimizer<{ lr: number }, object>;

/** A scheduler's state in PyTorch's layout and names (`scheduler.state_dict()`). */
export type SchedulerStateDict = Record<string, unknown>;

/** PyTorch's check that a scheduler is given an optimizer. */
export function checkOptimizer(optimizer: unknown): asserts optimizer is AnyOptimizer {
  if (!(optimizer instanceof Optimizer)) {
    const name =
      optimizer === null || optimizer === undefined
        ? String(optimizer)
        : ((optimizer as object).constructor?.name ?? typeof optimizer);
    throw new TypeError(`${name} is not an Optimizer`);
  }
}

/**
 * The base class of the epoch-driven learning-rate schedulers, PyTorch's
 * `torch.optim.lr_scheduler.LRScheduler` (`_LRScheduler` in 1.13). On construction it records
 * each group's `initialLr` (PyTorch's `initial_lr`), which become `baseLrs`, and takes the first
 * step, so that `lastEpoch` is 0 and the groups hold the first lr of the schedule. Call `step()`
 * after `optimizer.step()`, once per epoch (or per batch for OneCycleLR).
 *
 * A subclass computes the next lrs in {@link LRScheduler.getLr} (PyTorch's chainable form, from
 * the groups' current lrs where PyTorch does so), and calls `this.initialStep()` at the end of
 * its constructor, once its own fields are set.
 */
export abstract class LRScheduler {
  /** The optimizer whose groups' `lr` this scheduler sets. */
  readonly optimizer: AnyOptimizer;
  /** Each group's starting lr (`base_lrs`). */
  baseLrs: number[];
  /** The index of the last epoch (`last_epoch`): 0 after construction. */
  lastEpoch: number;
  /** How many times step() ran, counting the one in the constructor (`_step_count`). */
  protected stepCount = 0;
  /** The lrs the last step set (`_last_lr`). */
  protected lastLr: number[] = [];
  /** The subclass's own state, as PyTorch names it, for {@link LRScheduler.stateDict}. */
  protected abstract readonly stateKeys: Readonly<Record<string, string>>;

  /**
   * @param lastEpoch - -1 to start; another value resumes, and then every group must already
   *   have its `initialLr`.
   * @throws Error `param 'initial_lr' is not specified in param_groups[0] when resuming an
   *   optimizer`; a TypeError when `optimizer` is not an Optimizer.
   */
  protected constructor(optimizer: AnyOptimizer, lastEpoch = -1) {
    checkOptimizer(optimizer);
    this.optimizer = optimizer;
    const groups = optimizer.paramGroups;
    if (lastEpoch === -1) {
      for (const group of groups) group.initialLr ??= group.lr;
    } else {
      groups.forEach((group, i) => {
        if (group.initialLr === undefined) {
          throw new Error(
            `param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`,
          );
        }
      });
    }
    this.baseLrs = groups.map((group) => group.initialLr as number);
    this.lastEpoch = lastEpoch;
  }

  /** The next lr of each group, for `this.lastEpoch` (PyTorch's `get_lr`). */
  protected abstract getLr(): number[];

  /** PyTorch's `_initial_step`: the constructor's first step. */
  protected initialStep(): void {
    this.stepCount = 0;
    this.step();
  }

  /** Advances one epoch and sets each group's lr (`scheduler.step()`). */
  step(): void {
    this.stepCount += 1;
    this.lastEpoch += 1;
    const values = this.getLr();
    this.optimizer.paramGroups.forEach((group, i) => {
      group.lr = values[i] as number;
    });
    this.lastLr = this.optimizer.paramGroups.map((group) => group.lr);
  }

  /** The lrs the last step set, one per group (`scheduler.get_last_lr()`). */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** The state in PyTorch's layout and names (`scheduler.state_dict()`), without the optimizer. */
  stateDict(): SchedulerStateDict {
    const own: SchedulerStateDict = {};
    const fields = this as unknown as Record<string, unknown>;
    for (const [python, key] of Object.entries(this.stateKeys)) own[python] = copy(fields[key]);
    return {
      ...own,
      base_lrs: [...this.baseLrs],
      last_epoch: this.lastEpoch,
      verbose: false,
      _step_count: this.stepCount,
      _get_lr_called_within_step: false,
      _last_lr: [...this.lastLr],
    };
  }

  /** Restores a state of {@link LRScheduler.stateDict} (`scheduler.load_state_dict`). */
  loadStateDict(stateDict: SchedulerStateDict): void {
    const fields = this as unknown as Record<string, unknown>;
    for (const [python, key] of Object.entries(this.stateKeys)) {
      if (python in stateDict) fields[key] = copy(stateDict[python]);
    }
    if (Array.isArray(stateDict.base_lrs)) this.baseLrs = [...(stateDict.base_lrs as number[])];
    if (typeof stateDict.last_epoch === 'number') this.lastEpoch = stateDict.last_epoch;
    if (typeof stateDict._step_count === 'number') this.stepCount = stateDict._step_count;
    if (Array.isArray(stateDict._last_lr)) this.lastLr = [...(stateDict._last_lr as number[])];
  }
}

/** A copy of a state value deep enough that the scheduler and the dict do not share arrays. */
export function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (value instanceof Map) return new Map(value);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)]));
  }
  return value;
}
