import { empty, linear, type Tensor } from '@nabla/tensor';
import { pyBool } from '../format.js';
import { biasUniformBound, calculateFanInAndFanOut } from '../init.js';
import { kaimingUniform_, uniform_ } from '../init-fill.js';
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';
import { callAs, checkSizes, optionsOf } from './common.js';

/** Options of {@link Linear}, PyTorch's keyword arguments. */
export interface LinearOptions {
  /** Learn an additive bias (default true). */
  bias?: boolean;
  /** The device of the parameters (default: the default device). */
  device?: string;
}

/**
 * A fully connected layer: `y = x Wᵀ + b`, with `weight` of shape `[outFeatures, inFeatures]`
 * and `bias` of shape `[outFeatures]`, initialised as PyTorch does (kaiming-uniform with
 * a = √5 for the weight, U(-1/√inFeatures, 1/√inFeatures) for the bias, drawn in that order).
 *
 * Shape: input `[*, inFeatures]`, output `[*, outFeatures]`.
 * Mirrors `nn.Linear(in_features, out_features, bias=True)`.
 *
 * @example
 * ```ts
 * manualSeed(123);
 * const l1 = new Linear(784, 128);
 * l1.weight.shape;                     // [128, 784]
 * l1(randn(100, 784)).shape;           // [100, 128]
 * String(l1); // 'Linear(in_features=784, out_features=128, bias=True)'
 * ```
 */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  weight: Parameter;
  bias: Parameter | null;

  constructor(inFeatures: number, outFeatures: number, options?: LinearOptions | boolean) {
    super();
    const { bias = true, device } = optionsOf<LinearOptions, 'bias'>(options, 'bias');
    checkSizes('Linear', { in_features: inFeatures, out_features: outFeatures });
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.weight = new Parameter(empty(outFeatures, inFeatures, { device }));
    this.bias = bias ? new Parameter(empty(outFeatures, { device })) : null;
    this.resetParameters();
  }

  /** PyTorch's default initialisation, drawing from the global generator. */
  resetParameters(): void {
    kaimingUniform_(this.weight, { a: Math.sqrt(5) });
    if (this.bias !== null) {
      const [fanIn] = calculateFanInAndFanOut(this.weight.shape);
      const bound = biasUniformBound(fanIn);
      uniform_(this.bias, -bound, bound);
    }
  }

  forward(x: Tensor): Tensor {
    return callAs(this, () => linear(x, this.weight, this.bias));
  }

  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${pyBool(this.bias !== null)}`;
  }
}
