/** Hyper-parameters of {@link validateSgdOptions}; only `lr` is required. */
export interface SgdOptions {
  /** Learning rate. */
  lr: number;
  /** Momentum factor; 0 turns momentum off. Default 0. */
  momentum?: number;
  /** Dampening for momentum. Default 0. */
  dampening?: number;
  /** L2 penalty added to the gradient. Default 0. */
  weightDecay?: number;
  /** Nesterov momentum. Default false. */
  nesterov?: boolean;
  /** Maximize the objective instead of minimizing it. Default false. */
  maximize?: boolean;
}

/** SGD's hyper-parameters with every default filled in: the defaults of each param group. */
export type SgdDefaults = Required<SgdOptions>;

/** Hyper-parameters of {@link validateAdamOptions}; all optional. */
export interface AdamOptions {
  /** Learning rate. Default 1e-3. */
  lr?: number;
  /** Decay rates of the running averages of the gradient and its square. Default [0.9, 0.999]. */
  betas?: readonly [number, number];
  /** Added to the denominator for numerical stability. Default 1e-8. */
  eps?: number;
  /** L2 penalty added to the gradient. Default 0. */
  weightDecay?: number;
  /** Use the AMSGrad variant. Default false. */
  amsgrad?: boolean;
  /** Maximize the objective instead of minimizing it. Default false. */
  maximize?: boolean;
}

/** Adam's hyper-parameters with every default filled in: the defaults of each param group. */
export type AdamDefaults = Required<AdamOptions>;

/**
 * Checks SGD's hyper-parameters, in PyTorch's order and with its messages, and fills in the
 * defaults (momentum 0, dampening 0, weightDecay 0, nesterov false, maximize false). `lr` is
 * required, as in
 * PyTorch 1.13 (PyTorch 2.x defaults it to 1e-3). Like PyTorch's `lr < 0.0` checks, these let
 * NaN through; {@link validateAdamOptions} does not.
 *
 * Mirrors the checks of `torch.optim.SGD.__init__(params, lr, momentum=0, dampening=0,
 * weight_decay=0, nesterov=False, *, maximize=False)`.
 *
 * @throws Error `Invalid learning rate: -1`, `Invalid momentum value: -0.1`,
 *   `Invalid weight_decay value: -0.01`, or
 *   `Nesterov momentum requires a momentum and zero dampening`.
 *
 * @example
 * ```ts
 * validateSgdOptions({ lr: 0.01, momentum: 0.9 });
 * // { lr: 0.01, momentum: 0.9, dampening: 0, weightDecay: 0, nesterov: false, maximize: false }
 * validateSgdOptions({ lr: -1 }); // throws: Invalid learning rate: -1
 * ```
 */
export function validateSgdOptions(options: SgdOptions): SgdDefaults {
  const {
    lr,
    momentum = 0,
    dampening = 0,
    weightDecay = 0,
    nesterov = false,
    maximize = false,
  } = options;
  if (lr < 0.0) throw new Error(`Invalid learning rate: ${lr}`);
  if (momentum < 0.0) throw new Error(`Invalid momentum value: ${momentum}`);
  if (weightDecay < 0.0) throw new Error(`Invalid weight_decay value: ${weightDecay}`);
  if (nesterov && (momentum <= 0 || dampening !== 0)) {
    throw new Error('Nesterov momentum requires a momentum and zero dampening');
  }
  return { lr, momentum, dampening, weightDecay, nesterov, maximize };
}

/**
 * Checks Adam's hyper-parameters, in PyTorch's order and with its messages, and fills in the
 * defaults (lr 1e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0, amsgrad false, maximize
 * false). Each value
 * must lie in its range; NaN is rejected, as PyTorch's `not 0.0 <= x` rejects it.
 *
 * Mirrors the checks of `torch.optim.Adam.__init__(params, lr=1e-3, betas=(0.9, 0.999),
 * eps=1e-8, weight_decay=0, amsgrad=False, *, maximize=False)`.
 *
 * @throws Error `Invalid learning rate: -1`, `Invalid epsilon value: -1e-8`,
 *   `Invalid beta parameter at index 0: 1` (each beta must be in [0, 1)), or
 *   `Invalid weight_decay value: -0.01`.
 *
 * @example
 * ```ts
 * validateAdamOptions({ lr: 0.01 });
 * // { lr: 0.01, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false }
 * validateAdamOptions({ betas: [1.0, 0.999] }); // throws: Invalid beta parameter at index 0: 1
 * ```
 */
export function validateAdamOptions(options: AdamOptions = {}): AdamDefaults {
  const {
    lr = 1e-3,
    betas = [0.9, 0.999],
    eps = 1e-8,
    weightDecay = 0,
    amsgrad = false,
    maximize = false,
  } = options;
  const [beta1, beta2] = betas;
  // Written as PyTorch writes them, `not 0.0 <= x`, so NaN fails each check.
  if (!(0.0 <= lr)) throw new Error(`Invalid learning rate: ${lr}`);
  if (!(0.0 <= eps)) throw new Error(`Invalid epsilon value: ${eps}`);
  if (!(0.0 <= beta1 && beta1 < 1.0)) {
    throw new Error(`Invalid beta parameter at index 0: ${beta1}`);
  }
  if (!(0.0 <= beta2 && beta2 < 1.0)) {
    throw new Error(`Invalid beta parameter at index 1: ${beta2}`);
  }
  if (!(0.0 <= weightDecay)) throw new Error(`Invalid weight_decay value: ${weightDecay}`);
  return { lr, betas: [beta1, beta2], eps, weightDecay, amsgrad, maximize };
}
