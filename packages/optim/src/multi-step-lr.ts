import { type AnyOptimizer, LRScheduler, type SchedulerStateDict } from './lr-scheduler.js';

/** Options of {@link MultiStepLR}. */
export interface MultiStepLROptions {
  /** Epochs at which to decay; a repeated epoch decays once per repetition. */
  milestones: readonly number[];
  /** The factor each decay multiplies the lr by. Default 0.1. */
  gamma?: number;
  /** -1 to start; another value resumes (see {@link LRScheduler}). Default -1. */
  lastEpoch?: number;
}

/**
 * Multiplies each group's lr by `gamma` at each milestone epoch: PyTorch's
 * `torch.optim.lr_scheduler.MultiStepLR`. The milestones are counted as PyTorch's `Counter`
 * counts them, so `[5, 5]` multiplies by `gamma ** 2` at epoch 5.
 *
 * @example
 * ```ts
 * // scheduler = MultiStepLR(optimizer, milestones=[30, 80], gamma=0.1)
 * const scheduler = new MultiStepLR(optimizer, { milestones: [30, 80], gamma: 0.1 });
 * ```
 */
export class MultiStepLR extends LRScheduler {
  /** How many times each milestone epoch was given. */
  milestones: Map<number, number>;
  /** The factor of each decay. */
  gamma: number;
  protected readonly stateKeys = { gamma: 'gamma' };

  constructor(optimizer: AnyOptimizer, options: MultiStepLROptions) {
    super(optimizer, options.lastEpoch);
    this.milestones = new Map();
    for (const m of options.milestones) this.milestones.set(m, (this.milestones.get(m) ?? 0) + 1);
    this.gamma = options.gamma ?? 0.1;
    this.initialStep();
  }

  protected override getLr(): number[] {
    const groups = this.optimizer.paramGroups;
    const count = this.milestones.get(this.lastEpoch);
    if (count === undefined) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma ** count);
  }

  /** With `milestones` as PyTorch's Counter saves it: `{ 30: 1, 80: 1 }`. */
  override stateDict(): SchedulerStateDict {
    return { milestones: Object.fromEntries(this.milestones), ...super.stateDict() };
  }

  override loadStateDict(stateDict: SchedulerStateDict): void {
    super.loadStateDict(stateDict);
    const saved = stateDict.milestones;
    if (typeof saved === 'object' && saved !== null) {
      const entries = saved instanceof Map ? [...saved] : Object.entries(saved);
      this.milestones = new Map(entries.map(([m, n]) => [Number(m), Number(n)]));
    }
  }
}
