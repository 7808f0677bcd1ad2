import { mnistRoot } from '@nabla/datasets';
import { data, nn, type Tensor, vision } from './index.js';

// Test-only: the course's MNIST MLP (8.11: 784-128-10, ReLU, CrossEntropyLoss) as the book
// writes it, and its first batches from the shipped MNIST, for the tests that train it on the
// gpu device against the cpu device.

/** The course's `Net(n_input, n_output, n_hidden)`. */
export class Net extends nn.Module {
  l1: nn.Linear;
  l2: nn.Linear;
  relu = new nn.ReLU({ inplace: true });
  constructor(nInput: number, nOutput: number, nHidden: number) {
    super();
    this.l1 = new nn.Linear(nInput, nHidden);
    this.l2 = new nn.Linear(nHidden, nOutput);
  }
  forward(x: Tensor): Tensor {
    return this.l2(this.relu(this.l1(x)));
  }
}

/** The first `steps` batches of 100 training images, [100, 784] in [-1, 1], with their labels. */
export function mnistBatches(steps: number): [Tensor, Tensor][] {
  const T = vision.transforms;
  const transform = new T.Compose([
    new T.ToTensor(),
    new T.Normalize(0.5, 0.5),
    new T.Lambda((x: Tensor) => x.view(-1)),
  ]);
  const trainSet = new vision.datasets.MNIST(mnistRoot(), { train: true, transform });
  const subset = new data.Subset(
    trainSet,
    Array.from({ length: steps * 100 }, (_, i) => i),
  );
  const loader = new data.DataLoader(subset, { batchSize: 100, shuffle: false, prefetch: 0 });
  return [...loader] as [Tensor, Tensor][];
}
