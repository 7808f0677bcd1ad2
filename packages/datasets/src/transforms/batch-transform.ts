import type { Tensor } from '@nabla/tensor';

/** Images of one size as bytes, N x H x W x C: a batch of RawImages before ToTensor. */
export interface ImageBatch {
  readonly data: Uint8Array;
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/**
 * A transform that can also transform a whole batch at once, giving what stacking its results
 * image by image would give: ToTensor, Normalize, and a Compose of such. Loaders (MNIST,
 * CIFAR10) use it to convert a batch in one pass. Random transforms are not batchable: they draw
 * image by image.
 */
export interface BatchTransform {
  /** False when this transform (a Compose of non-batchable parts) cannot batch after all. */
  readonly batchable: boolean;
  /** The batch's results, stacked: `[N, ...]`. */
  forwardBatch(batch: ImageBatch | Tensor): ImageBatch | Tensor;
}

/** True for a transform that can transform whole batches. */
export function canBatch(transform: unknown): transform is BatchTransform {
  if (transform === null || (typeof transform !== 'object' && typeof transform !== 'function')) {
    return false;
  }
  const t = transform as Partial<BatchTransform>;
  return t.batchable === true && typeof t.forwardBatch === 'function';
}
