import type { Tensor } from '@nabla/tensor';
import { Module } from '../module.js';
import { callAs } from './common.js';

/** `tanh(x)` elementwise. Mirrors `nn.Tanh()`. */
export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    return callAs(this, () => x.tanh());
  }
}
