import { type AnyOptimizer, LRScheduler } from './lr-scheduler.js';

/** Options of {@link ExponentialLR}. */
export interface ExponentialLROptions {
  /** The factor each epoch multiplies the lr by. */
  /** The factor of each epoch. */
  gamma: number;
  /** -1 to start; another value resumes (see {@link LRScheduler}). Default -1. */
  lastEpoch?: number;
}

/**
 * Multiplies each group's lr by `gamma` every epoch: PyTorch's
 * `torch.optim.lr_scheduler.ExponentialLR`.
 *
 * @example
 * ```ts
 * // scheduler = ExponentialLR(optimizer, gamma=0.9)
 * const scheduler = new ExponentialLR(optimizer, { gamma: 0.9 });
 * ```
 */
export class ExponentialLR extends LRScheduler {
  gamma: number;
  protected readonly stateKeys = { gamma: 'gamma' };

  constructor(optimizer: AnyOptimizer, options: ExponentialLROptions) {
    super(optimizer, options.lastEpoch);
    this.gamma = options.gamma;
    this.initialStep();
  }

  protected override getLr(): number[] {
    const groups = this.optimizer.paramGroups;
    if (this.lastEpoch === 0) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma);
  }
}
