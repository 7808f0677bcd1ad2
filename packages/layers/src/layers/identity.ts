import type { Tensor } from '@nabla/tensor';
import { Module } from '../module.js';

/** Passes its input through unchanged (a placeholder: `net.avgpool = new Identity()`). */
export class Identity extends Module {
  /** Any arguments are accepted and ignored, as PyTorch's `nn.Identity(*args, **kwargs)`. */
  constructor(..._args: unknown[]) {
    super();
  }

  forward(x: Tensor): Tensor {
    return x;
  }
}
