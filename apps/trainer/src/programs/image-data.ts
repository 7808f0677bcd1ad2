import { data, type Tensor, vision } from 'nabla';
import { type ImageSource, imageSource } from '../data-sources.js';
import type { ImageShape } from './models.js';

const T = vision.transforms;

/** The course's CIFAR-10 class names (BOOK.md ch09: `classes = ('plane', 'car', ...)`). */
export const CIFAR10_CLASSES = [
  'plane',
  'car',
  'bird',
  'cat',
  'deer',
  'dog',
  'frog',
  'horse',
  'ship',
  'truck',
] as const;

/** What a chapter 9 or 10 program trains on. */
export interface ImageData {
  source: ImageSource;
  shape: ImageShape;
  classes: readonly string[];
  trainLoader: data.DataLoader<[Tensor, number]>;
  testLoader: data.DataLoader<[Tensor, number]>;
}

/** How to turn images into tensors: the course's transforms. */
export type TransformKind = 'flat' | 'image' | 'augment';

function transformOf(kind: TransformKind) {
  switch (kind) {
    case 'flat': // transform1: ToTensor, Normalize(0.5, 0.5), Lambda(x.view(-1)) for the MLPs
      return new T.Compose([
        new T.ToTensor(),
        new T.Normalize(0.5, 0.5),
        new T.Lambda((x: Tensor) => x.view(-1)),
      ]);
    case 'augment': // 10.10: flips and random erasing for the training data
      return new T.Compose([
        new T.RandomHorizontalFlip(0.5),
        new T.ToTensor(),
        new T.Normalize(0.5, 0.5),
        new T.RandomErasing({
          p: 0.5,
          scale: [0.02, 0.33],
          ratio: [0.3, 3.3],
          value: 0,
          inplace: false,
        }),
      ]);
    default: // transform2: ToTensor, Normalize(0.5, 0.5) for the CNNs
      return new T.Compose([new T.ToTensor(), new T.Normalize(0.5, 0.5)]);
  }
}

/**
 * The data of chapters 9 and 10: CIFAR-10 when `--data-dir` holds it, else Fashion-MNIST, with
 * the course's transforms; the training loader shuffles, the test loader does not. Loaders run
 * without prefetch so that random transforms and dropout draw in PyTorch's order.
 */
export function imageData(
  dataDir: string | undefined,
  batchSize: number,
  train: TransformKind,
  test: TransformKind = train === 'augment' ? 'image' : train,
): ImageData {
  const source = imageSource(dataDir);
  const make = (isTrain: boolean, kind: TransformKind) => {
    const transform = transformOf(kind) as unknown as (image: vision.transforms.RawImage) => Tensor;
    return source.kind === 'cifar10'
      ? new vision.datasets.CIFAR10(source.root, { train: isTrain, transform })
      : new vision.datasets.FashionMNIST(source.root, { train: isTrain, transform });
  };
  const trainSet = make(true, train);
  const testSet = make(false, test);
  const classes = source.kind === 'cifar10' ? CIFAR10_CLASSES : trainSet.classes;
  return {
    source,
    shape: { channels: trainSet.channels, size: trainSet.height },
    classes,
    trainLoader: new data.DataLoader(trainSet, { batchSize, shuffle: true, prefetch: 0 }),
    testLoader: new data.DataLoader(testSet, { batchSize, shuffle: false, prefetch: 0 }),
  };
}
