import { emptyLike } from '../create.js';
import { fail } from '../errors.js';
import type { RandomOptions } from '../inplace.js';
import type { Tensor } from '../tensor.js';
import { checkFloat } from './args.js';

/**
 * `torch.nn.functional.dropout(input, p=0.5, training=True)`: zeroes each element with
 * probability `p` and scales the others by `1 / (1 - p)` (inverted dropout), so that the
 * expected value is unchanged; outside training (or with `p = 0`) it returns `input` itself.
 *
 * It draws from the generator exactly as PyTorch's CPU kernel does: `noise =
 * empty_like(input).bernoulli_(1 - p)`, `noise.div_(1 - p)`, `input * noise`; so after the same
 * `manualSeed` the same elements are dropped. Its gradient node is `MulBackward0`.
 *
 * @example
 * torch.manualSeed(123);
 * const inputs = torch.randn(1, 10);
 * dropout(inputs, 0.5); // [[-0.0000, 0.2407, -0.0000, -0.4808, -0.0000, 0.0000, -1.9447, ...]]
 */
export function dropout(input: Tensor, p = 0.5, training = true, options?: RandomOptions): Tensor {
  if (!(p >= 0 && p <= 1)) {
    fail('dropout', `dropout probability has to be between 0 and 1, but got ${p}`);
  }
  checkFloat('dropout', { input });
  if (!training || p === 0 || input.numel() === 0) return input;
  // PyTorch multiplies by a zero scalar, so that NaN and inf stay NaN
  if (p === 1) return input.mul(0);
  const noise = emptyLike(input).bernoulli_(1 - p, options);
  noise.div_(1 - p);
  return input.mul(noise);
}
