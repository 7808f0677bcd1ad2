import { embedding, empty, noGrad, type Tensor } from '@nabla/tensor';
import { normal_ } from '../init-fill.js';
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';
import { badArgument, callAs, checkSizes } from './common.js';

/** Options of {@link Embedding}, PyTorch's keyword arguments. */
export interface EmbeddingLayerOptions {
  /** A row that starts at zero and gets no gradient (a padding token); negative counts back. */
  paddingIdx?: number | null;
  /** The device of the weight (default: the default device). */
  device?: string;
}

/**
 * A lookup table: row `i` of `weight` (`[numEmbeddings, embeddingDim]`, drawn from N(0, 1)) for
 * each index `i` of an int32 input. Mirrors `nn.Embedding(num_embeddings, embedding_dim,
 * padding_idx=None)`.
 *
 * Shape: input `[*]` (int32), output `[*, embeddingDim]`.
 *
 * @example
 * ```ts
 * const emb = new Embedding(10, 3, { paddingIdx: 0 });
 * emb(tensor([[1, 2], [0, 9]])).shape; // [2, 2, 3]
 * String(emb);                         // 'Embedding(10, 3, padding_idx=0)'
 * ```
 */
export class Embedding extends Module<[Tensor], Tensor> {
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  readonly paddingIdx: number | null;
  weight: Parameter;

  constructor(numEmbeddings: number, embeddingDim: number, options: EmbeddingLayerOptions = {}) {
    super();
    checkSizes('Embedding', { num_embeddings: numEmbeddings, embedding_dim: embeddingDim });
    let pad = options.paddingIdx ?? null;
    if (pad !== null) {
      if (!Number.isInteger(pad) || pad < -numEmbeddings || pad >= numEmbeddings) {
        badArgument(
          'Embedding',
          `Padding_idx must be within num_embeddings (${numEmbeddings}), got ${pad}`,
        );
      }
      pad = pad < 0 ? pad + numEmbeddings : pad;
    }
    this.numEmbeddings = numEmbeddings;
    this.embeddingDim = embeddingDim;
    this.paddingIdx = pad;
    this.weight = new Parameter(empty(numEmbeddings, embeddingDim, { device: options.device }));
    this.resetParameters();
  }

  /** N(0, 1) from the global generator, then the padding row set to zeros. */
  resetParameters(): void {
    normal_(this.weight);
    const pad = this.paddingIdx;
    if (pad !== null) noGrad(() => this.weight.index(pad).fill_(0));
  }

  forward(indices: Tensor): Tensor {
    return callAs(this, () => embedding(indices, this.weight, { paddingIdx: this.paddingIdx }));
  }

  override extraRepr(): string {
    const pad = this.paddingIdx === null ? '' : `, padding_idx=${this.paddingIdx}`;
    return `${this.numEmbeddings}, ${this.embeddingDim}${pad}`;
  }
}
