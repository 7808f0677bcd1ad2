import { type AnyOptimizer, LRScheduler } from './lr-scheduler.js';

/** Options of {@link CosineAnnealingLR}. */
export interface CosineAnnealingLROptions {
  /** Epochs of a half cosine period (PyTorch's `T_max`). */
  tMax: number;
  /** The lowest lr (`eta_min`). Default 0. */
  etaMin?: number;
  /** -1 to start; another value resumes (see {@link LRScheduler}). Default -1. */
  lastEpoch?: number;
}

/**
 * Anneals each group's lr from its initial value to `etaMin` along a half cosine over `tMax`
 * epochs, and back up over the next `tMax`: PyTorch's
 * `torch.optim.lr_scheduler.CosineAnnealingLR`. It uses PyTorch's recursive form, each lr
 * computed from the previous one, so the values match PyTorch's step by step (the closed form,
 * `etaMin + (base - etaMin) * (1 + cos(pi * t / tMax)) / 2`, differs in the last digits).
 *
 * @example
 * ```ts
 * // scheduler = CosineAnnealingLR(optimizer, T_max=10, eta_min=0.001)
 * const scheduler = new CosineAnnealingLR(optimizer, { tMax: 10, etaMin: 0.001 });
 * ```
 */
export class CosineAnnealingLR extends LRScheduler {
  /** Epochs of a half period (`T_max`). */
  tMax: number;
  /** The lowest lr (`eta_min`). */
  etaMin: number;
  protected readonly stateKeys = { T_max: 'tMax', eta_min: 'etaMin' };

  constructor(optimizer: AnyOptimizer, options: CosineAnnealingLROptions) {
    super(optimizer, options.lastEpoch);
    this.tMax = options.tMax;
    this.etaMin = options.etaMin ?? 0;
    this.initialStep();
  }

  protected override getLr(): number[] {
    const { lastEpoch: t, tMax, etaMin } = this;
    const groups = this.optimizer.paramGroups;
    if (t === 0) return groups.map((g) => g.lr);
    if (this.stepCount === 1 && t > 0) {
      // resumed: the closed form
      return this.baseLrs.map(
        (base) => etaMin + ((base - etaMin) * (1 + Math.cos((t * Math.PI) / tMax))) / 2,
      );
    }
    if ((t - 1 - tMax) % (2 * tMax) === 0) {
      // at the bottom of the cosine: step back up
      return groups.map(
        (g, i) =>
          g.lr + (((this.baseLrs[i] as number) - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2,
      );
    }
    return groups.map(
      (g) =>
        ((1 + Math.cos((Math.PI * t) / tMax)) / (1 + Math.cos((Math.PI * (t - 1)) / tMax))) *
          (g.lr - etaMin) +
        etaMin,
    );
  }
}
