import { tensor } from '@nabla/tensor';
import type { BatchDataset } from '../batch-dataset.js';
import { type Collated, defaultCollate } from '../collate.js';
import { Dataset } from '../dataset.js';
import { canBatch, type ImageBatch } from '../transforms/batch-transform.js';
import type { RawImage } from '../transforms/raw-image.js';

/** The transforms a vision dataset applies to each image and label. */
export interface ImageSetTransforms<S, L> {
  /** Applied to each image, a RawImage (`transform`); e.g. `new ToTensor()`. */
  transform?: (image: RawImage) => S;
  /** Applied to each label, an integer (`target_transform`). */
  targetTransform?: (label: number) => L;
}

/** Images of one size held in memory as bytes, with a class label each. */
export interface ImageArrays {
  /** count x height x width x channels bytes. */
  readonly images: Uint8Array;
  /** One label per image. */
  readonly labels: Uint8Array;
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/**
 * The common part of MNIST, Fashion-MNIST and CIFAR-10: images of one size held in memory as
 * bytes (`data`, N x H x W x C) and their labels (`targets`). Sample `i` is
 * `[transform(image), targetTransform(label)]`, the image a RawImage. Batches are made in one
 * pass when the transform can batch (ToTensor, Normalize, Compose of them) and there is no
 * target transform; they equal what collating the samples one by one gives.
 */
export abstract class ImageSet<S = RawImage, L = number>
  extends Dataset<[S, L]>
  implements BatchDataset<[S, L]>
{
  /** The images as bytes, N x H x W x C (`.data`). */
  readonly data: Uint8Array;
  /** The labels (`.targets`). */
  readonly targets: Uint8Array;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly transform: ((image: RawImage) => S) | undefined;
  readonly targetTransform: ((label: number) => L) | undefined;
  private readonly count: number;

  protected constructor(arrays: ImageArrays, transforms: ImageSetTransforms<S, L>) {
    super();
    this.data = arrays.images;
    this.targets = arrays.labels;
    this.count = arrays.count;
    this.height = arrays.height;
    this.width = arrays.width;
    this.channels = arrays.channels;
    this.transform = transforms.transform;
    this.targetTransform = transforms.targetTransform;
  }

  /** The class names, by label. */
  abstract get classes(): readonly string[];

  /** The label of each class name (`.class_to_idx`). */
  get classToIdx(): Record<string, number> {
    return Object.fromEntries(this.classes.map((name, i) => [name, i]));
  }

  get length(): number {
    return this.count;
  }

  /** Image `index` as bytes (a copy), before any transform. */
  image(index: number): RawImage {
    const size = this.height * this.width * this.channels;
    const data = this.data.slice(index * size, (index + 1) * size);
    return { data, height: this.height, width: this.width, channels: this.channels };
  }

  getItem(index: number): [S, L] {
    const image = this.image(index);
    const label = this.targets[index] as number;
    const x = this.transform ? this.transform(image) : (image as S);
    const y = this.targetTransform ? this.targetTransform(label) : (label as L);
    return [x, y];
  }

  getBatch(indices: readonly number[]): Collated<[S, L]> {
    const transform = this.transform;
    if (!canBatch(transform) || this.targetTransform !== undefined) {
      return defaultCollate(indices.map((i) => this.getItem(i)));
    }
    const size = this.height * this.width * this.channels;
    const bytes = new Uint8Array(indices.length * size);
    const labels = new Int32Array(indices.length);
    indices.forEach((i, k) => {
      bytes.set(this.data.subarray(i * size, (i + 1) * size), k * size);
      labels[k] = this.targets[i] as number;
    });
    const batch: ImageBatch = {
      data: bytes,
      count: indices.length,
      height: this.height,
      width: this.width,
      channels: this.channels,
    };
    return [transform.forwardBatch(batch), tensor(labels)] as unknown as Collated<[S, L]>;
  }
}
