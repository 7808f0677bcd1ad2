import type { Tensor } from '@nabla/tensor';
import { Module } from '../module.js';
import { callAs } from './common.js';

/** `1 / (1 + exp(-x))` elementwise. Mirrors `nn.Sigmoid()`. */
export class Sigmoid extends Module {
  forward(x: Tensor): Tensor {
    return callAs(this, () => x.sigmoid());
  }
}
