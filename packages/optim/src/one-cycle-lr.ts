import { type AnyOptimizer, checkOptimizer, LRScheduler } from './lr-scheduler.js';
import type { SchedulerKeys } from './optimizer.js';

/** Options of {@link OneCycleLR}; give `totalSteps`, or `epochs` and `stepsPerEpoch`. */
export interface OneCycleLROptions {
  /** The peak lr, for every group or one per group. */
  maxLr: number | readonly number[];
  /** Steps in the cycle. */
  totalSteps?: number;
  /** With `stepsPerEpoch`: the cycle is `epochs * stepsPerEpoch` steps. */
  epochs?: number;
  stepsPerEpoch?: number;
  /** The fraction of the cycle spent raising the lr. Default 0.3. */
  pctStart?: number;
  /** 'cos' or 'linear'. Default 'cos'. */
  annealStrategy?: 'cos' | 'linear';
  /** Cycle the momentum (or Adam's beta1) inversely to the lr. Default true. */
  cycleMomentum?: boolean;
  /** The lowest momentum, for every group or one per group. Default 0.85. */
  baseMomentum?: number | readonly number[];
  /** The highest momentum, for every group or one per group. Default 0.95. */
  maxMomentum?: number | readonly number[];
  /** The initial lr is `maxLr / divFactor`. Default 25. */
  divFactor?: number;
  /** The final lr is `initialLr / finalDivFactor`. Default 1e4. */
  finalDivFactor?: number;
  /** Three phases (up, down to the initial lr, down to the final lr) instead of two. */
  threePhase?: boolean;
  /** -1 to start; another value resumes (see {@link LRScheduler}). Default -1. */
  lastEpoch?: number;
}

type LrKey = 'initialLr' | 'maxLr' | 'minLr';
type MomentumKey = 'maxMomentum' | 'baseMomentum';

/** One phase of the cycle: where it ends and what it anneals between. */
interface Phase {
  endStep: number;
  startLr: LrKey;
  endLr: LrKey;
  startMomentum: MomentumKey;
  endMomentum: MomentumKey;
}

/** The group fields OneCycleLR reads and writes. */
type CycleGroup = {
  lr: number;
  momentum?: number;
  betas?: readonly [number, number];
} & SchedulerKeys;

/**
 * The 1cycle policy: the lr rises from `maxLr / divFactor` to `maxLr`, then anneals to
 * `initialLr / finalDivFactor`, with the momentum cycling the other way; stepped once per
 * batch. PyTorch's `torch.optim.lr_scheduler.OneCycleLR`. It writes `initialLr`, `maxLr`,
 * `minLr` (and `maxMomentum`, `baseMomentum`) into each param group, as PyTorch does.
 *
 * @example
 * ```ts
 * // scheduler = OneCycleLR(optimizer, max_lr=0.01, steps_per_epoch=len(loader), epochs=10)
 * const scheduler = new OneCycleLR(optimizer, { maxLr: 0.01, stepsPerEpoch: loader.length, epochs: 10 });
 * ```
 * @throws Error for a missing or non-positive step count, a `pctStart` outside [0, 1], an
 *   unknown anneal strategy, momentum cycling on an optimizer without momentum, or stepping
 *   past `totalSteps`; with PyTorch's messages.
 */
export class OneCycleLR extends LRScheduler {
  /** Steps in the cycle (`total_steps`). */
  totalSteps: number;
  /** 'cos' or 'linear'. */
  annealStrategy: 'cos' | 'linear';
  /** Whether the momentum cycles (`cycle_momentum`). */
  cycleMomentum: boolean;
  /** Whether the momentum is Adam's beta1 (`use_beta1`). */
  useBeta1 = false;
  protected schedulePhases: Phase[];
  protected readonly stateKeys = {
    total_steps: 'totalSteps',
    _schedule_phases: 'schedulePhases',
    anneal_strategy: 'annealStrategy',
    cycle_momentum: 'cycleMomentum',
    use_beta1: 'useBeta1',
  };

  constructor(optimizer: AnyOptimizer, options: OneCycleLROptions) {
    checkOptimizer(optimizer);
    const { totalSteps, epochs, stepsPerEpoch, pctStart = 0.3 } = options;
    const { annealStrategy = 'cos', divFactor = 25, finalDivFactor = 1e4 } = options;
    const lastEpoch = options.lastEpoch ?? -1;
    const total = checkTotalSteps(totalSteps, epochs, stepsPerEpoch);
    const phases = schedulePhases(pctStart, total, options.threePhase ?? false);
    if (!(pctStart >= 0 && pctStart <= 1)) {
      throw new Error(`Expected float between 0 and 1 pct_start, but got ${pctStart}`);
    }
    if (annealStrategy !== 'cos' && annealStrategy !== 'linear') {
      throw new Error(
        `anneal_strategy must by one of 'cos' or 'linear', instead got ${annealStrategy}`,
      );
    }
    const groups = optimizer.paramGroups as CycleGroup[];
    const maxLrs = formatParam('max_lr', groups.length, options.maxLr);
    if (lastEpoch === -1) {
      groups.forEach((group, i) => {
        group.initialLr = (maxLrs[i] as number) / divFactor;
        group.maxLr = maxLrs[i] as number;
        group.minLr = group.initialLr / finalDivFactor;
      });
    }
    const cycleMomentum = options.cycleMomentum ?? true;
    let useBeta1 = false;
    if (cycleMomentum) {
      const defaults = optimizer.defaults as object;
      if (!('momentum' in defaults) && !('betas' in defaults)) {
        throw new Error('optimizer must support momentum with `cycle_momentum` option enabled');
      }
      useBeta1 = 'betas' in defaults;
      const maxMomenta = formatParam('max_momentum', groups.length, options.maxMomentum ?? 0.95);
      const baseMomenta = formatParam('base_momentum', groups.length, options.baseMomentum ?? 0.85);
      if (lastEpoch === -1) {
        groups.forEach((group, i) => {
          setMomentum(group, useBeta1, maxMomenta[i] as number);
          group.maxMomentum = maxMomenta[i] as number;
          group.baseMomentum = baseMomenta[i] as number;
        });
      }
    }
    super(optimizer, lastEpoch);
    this.totalSteps = total;
    this.schedulePhases = phases;
    this.annealStrategy = annealStrategy;
    this.cycleMomentum = cycleMomentum;
    this.useBeta1 = useBeta1;
    this.initialStep();
  }

  protected override getLr(): number[] {
    const step = this.lastEpoch;
    if (step > this.totalSteps) {
      throw new Error(
        `Tried to step ${step + 1} times. The specified number of total steps is ${this.totalSteps}`,
      );
    }
    const anneal = this.annealStrategy === 'cos' ? annealCos : annealLinear;
    const phases = this.schedulePhases;
    return (this.optimizer.paramGroups as CycleGroup[]).map((group) => {
      let startStep = 0;
      let lr = 0;
      let momentum = 0;
      for (const [i, phase] of phases.entries()) {
        const endStep = phase.endStep;
        if (step <= endStep || i === phases.length - 1) {
          const pct = (step - startStep) / (endStep - startStep);
          lr = anneal(group[phase.startLr] as number, group[phase.endLr] as number, pct);
          if (this.cycleMomentum) {
            const from = group[phase.startMomentum] as number;
            momentum = anneal(from, group[phase.endMomentum] as number, pct);
          }
          break;
        }
        startStep = phase.endStep;
      }
      if (this.cycleMomentum) setMomentum(group, this.useBeta1, momentum);
      return lr;
    });
  }
}

/** `cos` annealing from `start` to `end` as `pct` goes from 0 to 1 (PyTorch's order of ops). */
function annealCos(start: number, end: number, pct: number): number {
  const cosOut = Math.cos(Math.PI * pct) + 1;
  return end + ((start - end) / 2.0) * cosOut;
}

/** Linear annealing from `start` to `end`. */
function annealLinear(start: number, end: number, pct: number): number {
  return (end - start) * pct + start;
}

function setMomentum(group: CycleGroup, useBeta1: boolean, momentum: number): void {
  if (useBeta1) group.betas = [momentum, (group.betas as readonly [number, number])[1]];
  else group.momentum = momentum;
}

function checkTotalSteps(total?: number, epochs?: number, stepsPerEpoch?: number): number {
  const positiveInt = (n: number | undefined): n is number =>
    Number.isInteger(n) && (n as number) > 0;
  if (total === undefined && epochs === undefined && stepsPerEpoch === undefined) {
    throw new Error('You must define either total_steps OR (epochs AND steps_per_epoch)');
  }
  if (total !== undefined) {
    if (!positiveInt(total))
      throw new Error(`Expected positive integer total_steps, but got ${total}`);
    return total;
  }
  if (!positiveInt(epochs)) throw new Error(`Expected positive integer epochs, but got ${epochs}`);
  if (!positiveInt(stepsPerEpoch)) {
    throw new Error(`Expected positive integer steps_per_epoch, but got ${stepsPerEpoch}`);
  }
  return epochs * stepsPerEpoch;
}

function schedulePhases(pctStart: number, total: number, threePhase: boolean): Phase[] {
  if (threePhase) {
    return [
      {
        endStep: pctStart * total - 1,
        startLr: 'initialLr',
        endLr: 'maxLr',
        startMomentum: 'maxMomentum',
        endMomentum: 'baseMomentum',
      },
      {
        endStep: 2 * pctStart * total - 2,
        startLr: 'maxLr',
        endLr: 'initialLr',
        startMomentum: 'baseMomentum',
        endMomentum: 'maxMomentum',
      },
      {
        endStep: total - 1,
        startLr: 'initialLr',
        endLr: 'minLr',
        startMomentum: 'maxMomentum',
        endMomentum: 'maxMomentum',
      },
    ];
  }
  return [
    {
      endStep: pctStart * total - 1,
      startLr: 'initialLr',
      endLr: 'maxLr',
      startMomentum: 'maxMomentum',
      endMomentum: 'baseMomentum',
    },
    {
      endStep: total - 1,
      startLr: 'maxLr',
      endLr: 'minLr',
      startMomentum: 'baseMomentum',
      endMomentum: 'maxMomentum',
    },
  ];
}

function formatParam(name: string, groups: number, value: number | readonly number[]): number[] {
  if (typeof value === 'number') return Array.from({ length: groups }, () => value);
  if (value.length !== groups) {
    throw new Error(`expected ${groups} values for ${name}, got ${value.length}`);
  }
  return [...value];
}
