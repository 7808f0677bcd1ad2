import { fail } from '../errors.js';
import { named } from '../grad-mode.js';
import type { Tensor } from '../tensor.js';
import { checkFloat } from './args.js';

/**
 * `torch.nn.functional.leaky_relu(input, negative_slope=0.01)`: `x` where `x > 0`, else
 * `negative_slope * x`. At 0 the gradient is `negative_slope`, as in PyTorch. Its gradient node
 * is `LeakyReluBackward0`.
 *
 * @example
 * leakyRelu(torch.tensor([-2, 0, 3]), 0.1); // tensor([-0.2000, 0.0000, 3.0000])
 */
export function leakyRelu(input: Tensor, negativeSlope = 0.01): Tensor {
  checkFloat('leakyRelu', { input });
  return named(input, 'LeakyReluBackward0', () =>
    input.where(input.gt(0), input.mul(negativeSlope)),
  );
}

/** Options of {@link gelu}. */
export interface GeluOptions {
  /** `'none'` (default): the exact form with erf; `'tanh'`: the tanh approximation. */
  approximate?: 'none' | 'tanh';
}

/**
 * `torch.nn.functional.gelu(input, approximate='none')`: `x * Φ(x)` with Φ the standard normal
 * CDF, `0.5 * x * (1 + erf(x / √2))`; with `approximate: 'tanh'`,
 * `0.5 * x * (1 + tanh(√(2/π) * (x + 0.044715 x³)))`, computed as the equal
 * `x * sigmoid(2√(2/π) * (x + 0.044715 x³))`, which keeps its accuracy (and its gradient's) for
 * large negative x, where PyTorch's float32 kernel loses digits to `1 + tanh`. Its gradient node
 * is `GeluBackward0`.
 *
 * @example
 * gelu(torch.tensor([-1, 0, 1])); // tensor([-0.1587, 0.0000, 0.8413])
 */
export function gelu(input: Tensor, options: GeluOptions = {}): Tensor {
  const approximate = options.approximate ?? 'none';
  if (approximate !== 'none' && approximate !== 'tanh') {
    fail('gelu', `approximate argument must be either none or tanh, got '${approximate}'`);
  }
  checkFloat('gelu', { input });
  return named(input, 'GeluBackward0', () => {
    if (approximate === 'none') {
      return input.mul(0.5).mul(input.mul(Math.SQRT1_2).erf().add(1));
    }
    // 0.5 x (1 + tanh(u)) is x sigmoid(2u): the same function, but for large negative x
    // float32 cannot hold 1 + tanh(u) (nor 1 - tanh(u)^2 in the gradient) to more than a few
    // digits, while sigmoid and its gradient y (1 - y) stay accurate there
    const cube = input.mul(input).mul(input);
    const twiceInner = input.add(cube.mul(0.044715)).mul(2 * Math.sqrt(2 / Math.PI));
    return input.mul(twiceInner.sigmoid());
  });
}

/**
 * `torch.nn.functional.hardtanh(input, min_val=-1, max_val=1)`: `input` clamped to
 * `[minVal, maxVal]`. The gradient is 1 strictly inside and 0 from the bounds out, as in
 * PyTorch. Its gradient node is `HardtanhBackward0`.
 *
 * @example
 * hardtanh(torch.tensor([-2, 0.5, 3])); // tensor([-1.0000, 0.5000, 1.0000])
 */
export function hardtanh(input: Tensor, minVal = -1, maxVal = 1): Tensor {
  if (minVal > maxVal) {
    fail('hardtanh', `max_val (${maxVal}) must be greater or equal to min_val (${minVal})`);
  }
  checkFloat('hardtanh', { input });
  return named(input, 'HardtanhBackward0', () => {
    const low = input.le(minVal);
    const high = input.ge(maxVal);
    // the bounds as constants, so that no gradient flows there
    return input.where(high.logicalNot(), maxVal).where(low.logicalNot(), minVal);
  });
}
