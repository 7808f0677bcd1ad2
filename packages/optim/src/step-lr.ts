import { type AnyOptimizer, LRScheduler } from './lr-scheduler.js';

/** Options of {@link StepLR}. */
export interface StepLROptions {
  /** Epochs between decays. */
  stepSize: number;
  /** The factor each decay multiplies the lr by. Default 0.1. */
  gamma?: number;
  /** -1 to start; another value resumes (see {@link LRScheduler}). Default -1. */
  lastEpoch?: number;
}

/**
 * Multiplies each group's lr by `gamma` every `stepSize` epochs: PyTorch's
 * `torch.optim.lr_scheduler.StepLR`, computed step by step from the current lr as PyTorch does.
 *
 * @example
 * ```ts
 * // scheduler = StepLR(optimizer, step_size=30, gamma=0.1)
 * const scheduler = new StepLR(optimizer, { stepSize: 30, gamma: 0.1 });
 * for (let epoch = 0; epoch < 100; epoch++) {
 *   train();
 *   scheduler.step(); // lr 0.05 for epochs 0-29, 0.005 for 30-59, ...
 * }
 * ```
 */
export class StepLR extends LRScheduler {
  /** Epochs between decays (`step_size`). */
  stepSize: number;
  /** The factor of each decay. */
  gamma: number;
  protected readonly stateKeys = { step_size: 'stepSize', gamma: 'gamma' };

  constructor(optimizer: AnyOptimizer, options: StepLROptions) {
    super(optimizer, options.lastEpoch);
    this.stepSize = options.stepSize;
    this.gamma = options.gamma ?? 0.1;
    this.initialStep();
  }

  protected override getLr(): number[] {
    const groups = this.optimizer.paramGroups;
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0)
      return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma);
  }
}
