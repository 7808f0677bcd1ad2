import { valuesToCheck } from '../convert.js';
import { fail, fmt } from '../errors.js';
import { named } from '../grad-mode.js';
import type { Tensor } from '../tensor.js';
import { checkFloat } from './args.js';

/** Options of {@link embedding}, PyTorch's keyword arguments. */
export interface EmbeddingOptions {
  /** The row at this index gets no gradient (a padding token); negative counts from the end. */
  paddingIdx?: number | null;
}

/**
 * `torch.nn.functional.embedding(input, weight, padding_idx=None)`: the rows of `weight`
 * (`[num_embeddings, embedding_dim]`) at the int32 indices of `input` (any shape), giving
 * `[...input.shape, embedding_dim]`. The gradient of a row is the sum over the positions that
 * picked it. Its gradient node is `EmbeddingBackward0`.
 *
 * @example
 * const weight = torch.randn(10, 3);
 * embedding(torch.tensor([[1, 2], [4, 9]]), weight).shape; // [2, 2, 3]
 */
export function embedding(input: Tensor, weight: Tensor, options: EmbeddingOptions = {}): Tensor {
  if (input.dtype !== 'int32') {
    fail(
      'embedding',
      `Expected tensor for argument #1 'indices' to have one of the following scalar types: int32 (Long, Int); but got ${input.dtype} instead`,
    );
  }
  if (weight.ndim !== 2) {
    fail(
      'embedding',
      `'weight' must be 2-D [num_embeddings, embedding_dim], got shape ${fmt(weight.shape)}`,
    );
  }
  checkFloat('embedding', { weight });
  const [rows, dim] = weight.shape as [number, number];
  for (const i of valuesToCheck(input) ?? []) {
    if (i < 0 || i >= rows) {
      fail(
        'embedding',
        `index out of range in self: index ${i} for a weight of shape ${fmt(weight.shape)}`,
      );
    }
  }
  let pad = options.paddingIdx ?? null;
  if (pad !== null) {
    if (!Number.isInteger(pad) || pad < -rows || pad >= rows) {
      fail('embedding', `Padding_idx must be within num_embeddings (${rows}), got ${pad}`);
    }
    pad = pad < 0 ? pad + rows : pad;
  }
  const flat = input.reshape(-1);
  // input: [...] -> [..., dim]
  const shape = [...input.shape, dim];
  return named(weight, 'EmbeddingBackward0', () => {
    const picked = weight.indexSelect(0, flat).reshape(shape);
    if (pad === null) return picked;
    // the padding row's value without its gradient
    const fixed = weight.detach().indexSelect(0, flat).reshape(shape);
    return fixed.where(input.eq(pad).unsqueeze(-1), picked);
  });
}
