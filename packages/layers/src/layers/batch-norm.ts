import { shapeToString } from '@nabla/backend';
import { batchNorm, NablaError, noGrad, ones, type Tensor, tensor, zeros } from '@nabla/tensor';
import { pyBool, pyFloat } from '../format.js';
import { ones_, zeros_ } from '../init-fill.js';
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';
import type { LoadContext, StateDict } from '../state-dict.js';
import { badArgument, callAs, checkSizes } from './common.js';

/** Options of `BatchNorm1d` and `BatchNorm2d`, PyTorch's keyword arguments. */
export interface BatchNormOptions {
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
  /** The weight of each batch in the running statistics (default 0.1); null: a plain average. */
  momentum?: number | null;
  /** Learn a per-channel scale and shift (default true). */
  affine?: boolean;
  /** Keep running statistics for evaluation mode (default true). */
  trackRunningStats?: boolean;
  /** The device of the parameters and buffers (default: the default device). */
  device?: string;
}

/**
 * The shared part of BatchNorm1d and BatchNorm2d (PyTorch's `_BatchNorm`): in training mode it
 * normalises each channel with the batch's mean and biased variance and updates the running
 * mean and the running unbiased variance by `momentum`; in evaluation mode it uses the running
 * statistics. The buffers are `running_mean`, `running_var` and `num_batches_tracked` in the
 * state dict, `runningMean`, `runningVar` and `numBatchesTracked` here.
 */
export abstract class BatchNorm extends Module {
  readonly numFeatures: number;
  readonly eps: number;
  readonly momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;
  weight: Parameter | null;
  bias: Parameter | null;

  constructor(numFeatures: number, options: BatchNormOptions = {}) {
    super();
    const name = new.target.name;
    checkSizes(name, { num_features: numFeatures });
    const { eps = 1e-5, affine = true, trackRunningStats = true, device } = options;
    const momentum = options.momentum === undefined ? 0.1 : options.momentum;
    if (momentum !== null && !(momentum >= 0 && momentum <= 1)) {
      badArgument(name, `momentum must be in [0, 1] or null, got ${momentum}`);
    }
    this.numFeatures = numFeatures;
    this.eps = eps;
    this.momentum = momentum;
    this.affine = affine;
    this.trackRunningStats = trackRunningStats;
    this.weight = affine ? new Parameter(ones(numFeatures, { device })) : null;
    this.bias = affine ? new Parameter(zeros(numFeatures, { device })) : null;
    const track = trackRunningStats;
    this.registerBuffer('running_mean', track ? zeros(numFeatures, { device }) : null);
    this.registerBuffer('running_var', track ? ones(numFeatures, { device }) : null);
    this.registerBuffer('num_batches_tracked', track ? tensor(0, { device }) : null);
    this.resetParameters();
  }

  /** The running mean of each channel (`running_mean`), or null without running stats. */
  get runningMean(): Tensor | null {
    return this.getBuffer('running_mean');
  }
  set runningMean(t: Tensor | null) {
    this.setBuffer('running_mean', t);
  }
  /** The running unbiased variance of each channel (`running_var`). */
  get runningVar(): Tensor | null {
    return this.getBuffer('running_var');
  }
  set runningVar(t: Tensor | null) {
    this.setBuffer('running_var', t);
  }
  /** How many training batches have updated the statistics (`num_batches_tracked`, int32). */
  get numBatchesTracked(): Tensor | null {
    return this.getBuffer('num_batches_tracked');
  }
  set numBatchesTracked(t: Tensor | null) {
    this.setBuffer('num_batches_tracked', t);
  }

  /** Running mean 0, running variance 1, no batches tracked. */
  resetRunningStats(): void {
    noGrad(() => {
      this.runningMean?.zero_();
      this.runningVar?.fill_(1);
      this.numBatchesTracked?.zero_();
    });
  }

  /** Statistics reset, weight 1, bias 0 (no random draws). */
  resetParameters(): void {
    this.resetRunningStats();
    if (this.weight !== null) ones_(this.weight);
    if (this.bias !== null) zeros_(this.bias);
  }

  /** The ranks the subclass accepts, with PyTorch's message otherwise. */
  protected abstract checkInputDim(x: Tensor): void;

  forward(x: Tensor): Tensor {
    return callAs(this, () => {
      this.checkInputDim(x);
      if (x.shape[1] !== this.numFeatures) {
        throw new NablaError(
          `expected input with ${this.numFeatures} channels (dimension 1), got input of shape ${shapeToString(x.shape)}`,
        );
      }
      let factor = this.momentum ?? 0;
      const tracked = this.numBatchesTracked;
      if (this.training && this.trackRunningStats && tracked !== null) {
        noGrad(() => tracked.add_(1));
        // momentum null: the running statistics are the plain average of every batch so far
        if (this.momentum === null) factor = 1 / tracked.item();
      }
      const useRunning = !this.training || this.trackRunningStats;
      return batchNorm(
        x,
        useRunning ? this.runningMean : null,
        useRunning ? this.runningVar : null,
        this.weight,
        this.bias,
        {
          training: this.training || (this.runningMean === null && this.runningVar === null),
          momentum: factor,
          eps: this.eps,
        },
      );
    });
  }

  /**
   * @internal A checkpoint without `num_batches_tracked` (saved before PyTorch 0.4.1, or by a
   * tool that drops it) loads as PyTorch loads it: with the count at 0.
   */
  override _loadFromStateDict(sd: StateDict, prefix: string, ctx: LoadContext): void {
    const key = `${prefix}num_batches_tracked`;
    const source =
      this.trackRunningStats && !Object.hasOwn(sd, key) ? { ...sd, [key]: tensor(0) } : sd;
    super._loadFromStateDict(source, prefix, ctx);
  }

  override extraRepr(): string {
    const momentum = this.momentum === null ? 'None' : pyFloat(this.momentum);
    return `${this.numFeatures}, eps=${pyFloat(this.eps)}, momentum=${momentum}, affine=${pyBool(this.affine)}, track_running_stats=${pyBool(this.trackRunningStats)}`;
  }
}
