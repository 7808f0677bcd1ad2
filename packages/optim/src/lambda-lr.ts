import { type AnyOptimizer, LRScheduler, type SchedulerStateDict } from './lr-scheduler.js';

/** A multiplicative factor of the initial lr, given the epoch. */
export type LrLambda = (epoch: number) => number;

/** Options of {@link LambdaLR}. */
export interface LambdaLROptions {
  /** One function for every group, or one per group. */
  lrLambda: LrLambda | readonly LrLambda[];
  /** -1 to start; another value resumes (see {@link LRScheduler}). Default -1. */
  lastEpoch?: number;
}

/**
 * Sets each group's lr to its initial lr times `lrLambda(epoch)`: PyTorch's
 * `torch.optim.lr_scheduler.LambdaLR`.
 *
 * @example
 * ```ts
 * // scheduler = LambdaLR(optimizer, lr_lambda=lambda epoch: 0.95 ** epoch)
 * const scheduler = new LambdaLR(optimizer, { lrLambda: (epoch) => 0.95 ** epoch });
 * ```
 * @throws Error `Expected 2 lr_lambdas, but got 1` when a list does not have one per group.
 */
export class LambdaLR extends LRScheduler {
  /** One function per group (`lr_lambdas`). */
  lrLambdas: LrLambda[];
  protected readonly stateKeys = {};

  constructor(optimizer: AnyOptimizer, options: LambdaLROptions) {
    super(optimizer, options.lastEpoch);
    const groups = optimizer.paramGroups.length;
    const { lrLambda } = options;
    if (typeof lrLambda === 'function') {
      this.lrLambdas = Array.from({ length: groups }, () => lrLambda);
    } else {
      if (lrLambda.length !== groups) {
        throw new Error(`Expected ${groups} lr_lambdas, but got ${lrLambda.length}`);
      }
      this.lrLambdas = [...lrLambda];
    }
    this.initialStep();
  }

  protected override getLr(): number[] {
    return this.baseLrs.map((base, i) => base * (this.lrLambdas[i] as LrLambda)(this.lastEpoch));
  }

  /** As PyTorch's: functions are not saved, so `lr_lambdas` holds one null per group. */
  override stateDict(): SchedulerStateDict {
    return { ...super.stateDict(), lr_lambdas: this.lrLambdas.map(() => null) };
  }
}
