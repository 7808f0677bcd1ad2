import type { Tensor } from '@nabla/tensor';
import {
  type AnyOptimizer,
  checkOptimizer,
  copy,
  type SchedulerStateDict,
} from './lr-scheduler.js';

/** Options of {@link ReduceLROnPlateau}. */
export interface ReduceLROnPlateauOptions {
  /** 'min': the metric should go down (a loss); 'max': up (an accuracy). Default 'min'. */
  mode?: 'min' | 'max';
  /** The factor each reduction multiplies the lr by; must be < 1. Default 0.1. */
  factor?: number;
  /** Epochs without improvement to wait before reducing. Default 10. */
  patience?: number;
  /** How much better a metric must be to count as an improvement. Default 1e-4. */
  threshold?: number;
  /** 'rel': better than `best * (1 -/+ threshold)`; 'abs': than `best -/+ threshold`. Default 'rel'. */
  thresholdMode?: 'rel' | 'abs';
  /** Epochs to wait after a reduction before counting bad epochs again. Default 0. */
  cooldown?: number;
  /** The lowest lr, for every group or one per group. Default 0. */
  minLr?: number | readonly number[];
  /** A reduction smaller than this is skipped. Default 1e-8. */
  eps?: number;
}

/**
 * Reduces each group's lr by `factor` when a metric has stopped improving for more than
 * `patience` epochs: PyTorch's `torch.optim.lr_scheduler.ReduceLROnPlateau`. `step(metric)`
 * takes the epoch's metric (a number, or a one-element tensor such as a validation loss).
 *
 * @example
 * ```ts
 * // scheduler = ReduceLROnPlateau(optimizer, 'min', patience=5)
 * const scheduler = new ReduceLROnPlateau(optimizer, { mode: 'min', patience: 5 });
 * for (let epoch = 0; epoch < 100; epoch++) {
 *   train();
 *   scheduler.step(validate()); // the validation loss
 * }
 * ```
 * @throws Error `Factor should be < 1.0.`, `expected 2 min_lrs, got 1`,
 *   `mode avg is unknown!`, `threshold mode rel2 is unknown!`.
 */
export class ReduceLROnPlateau {
  readonly optimizer: AnyOptimizer;
  factor: number;
  minLrs: number[];
  patience: number;
  cooldown: number;
  /** Epochs of cooldown left. */
  cooldownCounter = 0;
  mode: 'min' | 'max';
  threshold: number;
  thresholdMode: 'rel' | 'abs';
  /** The best metric so far. */
  best: number;
  /** Epochs since the best metric, not counting cooldown. */
  numBadEpochs = 0;
  /** The worst value in this mode: the start of `best` (Infinity for 'min'). */
  modeWorse: number;
  eps: number;
  /** Epochs stepped so far. */
  lastEpoch = 0;
  #lastLr: number[];

  constructor(optimizer: AnyOptimizer, options: ReduceLROnPlateauOptions = {}) {
    const factor = options.factor ?? 0.1;
    if (factor >= 1.0) throw new Error('Factor should be < 1.0.');
    this.factor = factor;
    checkOptimizer(optimizer);
    this.optimizer = optimizer;
    const groups = optimizer.paramGroups.length;
    const minLr = options.minLr ?? 0;
    if (typeof minLr === 'number') {
      this.minLrs = Array.from({ length: groups }, () => minLr);
    } else {
      if (minLr.length !== groups) {
        throw new Error(`expected ${groups} min_lrs, got ${minLr.length}`);
      }
      this.minLrs = [...minLr];
    }
    this.patience = options.patience ?? 10;
    this.cooldown = options.cooldown ?? 0;
    this.mode = options.mode ?? 'min';
    this.threshold = options.threshold ?? 1e-4;
    this.thresholdMode = options.thresholdMode ?? 'rel';
    this.eps = options.eps ?? 1e-8;
    this.modeWorse = this.#initIsBetter();
    this.best = this.modeWorse;
    this.#lastLr = optimizer.paramGroups.map((g) => g.lr);
  }

  /** Records one epoch's metric and reduces the lrs when it has plateaued. */
  step(metric: number | Tensor): void {
    const current = typeof metric === 'number' ? metric : metric.item();
    const epoch = this.lastEpoch + 1;
    this.lastEpoch = epoch;
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.inCooldown) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0; // ignore any bad epochs in cooldown
    }
    if (this.numBadEpochs > this.patience) {
      this.#reduceLr();
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this.#lastLr = this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** The groups' lrs after the last step (at first, the optimizer's): `get_last_lr()`. */
  getLastLr(): number[] {
    return [...this.#lastLr];
  }

  /** Whether a reduction's cooldown is still running. */
  get inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }

  /** Whether metric `a` improves on `best` under the mode and threshold. */
  isBetter(a: number, best: number): boolean {
    if (this.mode === 'min' && this.thresholdMode === 'rel') return a < best * (1 - this.threshold);
    if (this.mode === 'min' && this.thresholdMode === 'abs') return a < best - this.threshold;
    if (this.mode === 'max' && this.thresholdMode === 'rel') return a > best * (this.threshold + 1);
    return a > best + this.threshold;
  }

  #reduceLr(): void {
    this.optimizer.paramGroups.forEach((group, i) => {
      const oldLr = group.lr;
      const newLr = Math.max(oldLr * this.factor, this.minLrs[i] as number);
      if (oldLr - newLr > this.eps) group.lr = newLr;
    });
  }

  /** Checks the mode and threshold mode, and returns the worst value of the mode. */
  #initIsBetter(): number {
    if (this.mode !== 'min' && this.mode !== 'max') {
      throw new Error(`mode ${this.mode} is unknown!`);
    }
    if (this.thresholdMode !== 'rel' && this.thresholdMode !== 'abs') {
      throw new Error(`threshold mode ${this.thresholdMode} is unknown!`);
    }
    return this.mode === 'min' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }

  /** The state in PyTorch's layout and names (`scheduler.state_dict()`), without the optimizer. */
  stateDict(): SchedulerStateDict {
    return {
      factor: this.factor,
      min_lrs: [...this.minLrs],
      patience: this.patience,
      verbose: false,
      cooldown: this.cooldown,
      cooldown_counter: this.cooldownCounter,
      mode: this.mode,
      threshold: this.threshold,
      threshold_mode: this.thresholdMode,
      best: this.best,
      num_bad_epochs: this.numBadEpochs,
      mode_worse: this.modeWorse,
      eps: this.eps,
      last_epoch: this.lastEpoch,
      _last_lr: [...this.#lastLr],
    };
  }

  /** Restores a state of {@link ReduceLROnPlateau.stateDict} (`scheduler.load_state_dict`). */
  loadStateDict(stateDict: SchedulerStateDict): void {
    const fields: Record<string, keyof this & string> = {
      factor: 'factor',
      min_lrs: 'minLrs',
      patience: 'patience',
      cooldown: 'cooldown',
      cooldown_counter: 'cooldownCounter',
      mode: 'mode',
      threshold: 'threshold',
      threshold_mode: 'thresholdMode',
      best: 'best',
      num_bad_epochs: 'numBadEpochs',
      mode_worse: 'modeWorse',
      eps: 'eps',
      last_epoch: 'lastEpoch',
    };
    const self = this as unknown as Record<string, unknown>;
    for (const [python, key] of Object.entries(fields)) {
      if (python in stateDict) self[key] = copy(stateDict[python]);
    }
    if (Array.isArray(stateDict._last_lr)) this.#lastLr = [...(stateDict._last_lr as number[])];
    this.modeWorse = this.#initIsBetter();
  }
}
