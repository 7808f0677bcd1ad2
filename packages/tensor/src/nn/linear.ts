import { fail, fmt } from '../errors.js';
import { named } from '../grad-mode.js';
import type { Tensor } from '../tensor.js';
import { checkFloat } from './args.js';

/**
 * `torch.nn.functional.linear(input, weight, bias=None)`: `input @ weightᵀ + bias`, for
 * `input` of shape `[..., in_features]`, `weight` `[out_features, in_features]` and `bias`
 * `[out_features]`, giving `[..., out_features]`. For a 2-D input with a bias its gradient node
 * is `AddmmBackward0`, as in PyTorch.
 *
 * @example
 * const x = torch.randn(100, 784);
 * linear(x, torch.randn(128, 784), torch.zeros(128)).shape; // [100, 128]
 */
export function linear(input: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  if (weight.ndim !== 2) {
    fail(
      'linear',
      `expected a 2-D weight [out_features, in_features], got shape ${fmt(weight.shape)}`,
    );
  }
  checkFloat('linear', { input, weight, bias });
  const [out, inFeatures] = weight.shape as [number, number];
  const k = input.shape[input.ndim - 1];
  if (input.ndim === 0 || k !== inFeatures) {
    const rows = input.ndim === 0 ? 1 : input.numel() / (k as number);
    fail(
      'linear',
      `mat1 and mat2 shapes cannot be multiplied (${rows}x${k ?? 1} and ${inFeatures}x${out}): input of shape ${fmt(input.shape)}, weight of shape ${fmt(weight.shape)}`,
    );
  }
  if (bias != null && (bias.ndim !== 1 || bias.shape[0] !== out)) {
    fail(
      'linear',
      `expected bias of shape [${out}] (out_features of weight ${fmt(weight.shape)}), got ${fmt(bias.shape)}`,
    );
  }
  const product = () => input.matmul(weight.t());
  if (bias == null) return product();
  if (input.ndim === 2) return named(input, 'AddmmBackward0', () => product().add(bias));
  return product().add(bias);
}
