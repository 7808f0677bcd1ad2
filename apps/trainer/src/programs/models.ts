import { nn, type Tensor } from 'nabla';

// The models of chapters 8 to 10, as the course writes them. The CNNs take the image's channels
// and size: the course's are CIFAR-10's 3 x 32 x 32; Fashion-MNIST's 1 x 28 x 28 needs another
// first convolution and another flatten size, computed here instead of the course's constants
// (6272 = 32 * 14 * 14 and 4 * 4 * 128 for 32 x 32 images).

/** 8.11: `Net(n_input, n_output, n_hidden)`, Linear, ReLU, Linear. */
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
    const x1 = this.l1(x);
    const x2 = this.relu(x1);
    return this.l2(x2);
  }
}

/** 8.14: `Net2`, two hidden layers of `nHidden`. */
export class Net2 extends nn.Module {
  l1: nn.Linear;
  l2: nn.Linear;
  l3: nn.Linear;
  relu = new nn.ReLU({ inplace: true });

  constructor(nInput: number, nOutput: number, nHidden: number) {
    super();
    this.l1 = new nn.Linear(nInput, nHidden);
    this.l2 = new nn.Linear(nHidden, nHidden);
    this.l3 = new nn.Linear(nHidden, nOutput);
  }

  forward(x: Tensor): Tensor {
    const x1 = this.relu(this.l1(x));
    const x2 = this.relu(this.l2(x1));
    return this.l3(x2);
  }
}

/** The shape of the images a CNN takes: channels and (square) size. */
export interface ImageShape {
  channels: number;
  size: number;
}

/** 9.6: two convolutions, one max pool, two Linears; one ReLU module used in both halves. */
export class CNN extends nn.Module {
  conv1: nn.Conv2d;
  conv2: nn.Conv2d;
  relu = new nn.ReLU({ inplace: true });
  maxpool = new nn.MaxPool2d([2, 2]);
  flatten = new nn.Flatten();
  l1: nn.Linear;
  l2: nn.Linear;
  features: nn.Sequential;
  classifier: nn.Sequential;

  constructor(nOutput: number, nHidden: number, image: ImageShape = { channels: 3, size: 32 }) {
    super();
    this.conv1 = new nn.Conv2d(image.channels, 32, 3);
    this.conv2 = new nn.Conv2d(32, 32, 3);
    // [N, 32, size - 4, size - 4] -> max pool -> [N, 32, (size - 4) / 2, (size - 4) / 2]
    const side = Math.floor((image.size - 4) / 2);
    this.l1 = new nn.Linear(32 * side * side, nHidden); // 6272 for 32 x 32
    this.l2 = new nn.Linear(nHidden, nOutput);
    this.features = new nn.Sequential(this.conv1, this.relu, this.conv2, this.relu, this.maxpool);
    this.classifier = new nn.Sequential(this.l1, this.relu, this.l2);
  }

  forward(x: Tensor): Tensor {
    const x1 = this.features(x);
    const x2 = this.flatten(x1);
    return this.classifier(x2);
  }
}

/** The flatten size of the chapter 10 CNNs: 128 channels after three 2 x 2 pools. */
const flatSize = (size: number): number => 128 * Math.floor(size / 8) ** 2; // 4*4*128 for 32

/**
 * 10.6: `CNN_v2`, six 3 x 3 convolutions (padding 1) in three blocks, one ReLU and one max pool
 * module shared by all of them. `CNN_v3` to `CNN_v5` extend it as the course does: the same
 * layers, created in the same order (so the same initial weights), and other `features` and
 * `classifier` sequences.
 */
export class CNN_v2 extends nn.Module {
  conv1: nn.Conv2d;
  conv2: nn.Conv2d;
  conv3: nn.Conv2d;
  conv4: nn.Conv2d;
  conv5: nn.Conv2d;
  conv6: nn.Conv2d;
  relu = new nn.ReLU({ inplace: true });
  flatten = new nn.Flatten();
  maxpool = new nn.MaxPool2d([2, 2]);
  l1: nn.Linear;
  l2: nn.Linear;
  features!: nn.Sequential;
  classifier!: nn.Sequential;

  constructor(numClasses: number, image: ImageShape = { channels: 3, size: 32 }) {
    super();
    const pad = { padding: [1, 1] as [number, number] };
    this.conv1 = new nn.Conv2d(image.channels, 32, 3, pad);
    this.conv2 = new nn.Conv2d(32, 32, 3, pad);
    this.conv3 = new nn.Conv2d(32, 64, 3, pad);
    this.conv4 = new nn.Conv2d(64, 64, 3, pad);
    this.conv5 = new nn.Conv2d(64, 128, 3, pad);
    this.conv6 = new nn.Conv2d(128, 128, 3, pad);
    this.l1 = new nn.Linear(flatSize(image.size), 128); // 4*4*128 for 32 x 32 images
    this.l2 = new nn.Linear(128, numClasses);
    if (new.target === CNN_v2) {
      const { conv1, conv2, conv3, conv4, conv5, conv6, relu, maxpool } = this;
      // biome-ignore format: one block a line, as the course lays them out
      this.features = new nn.Sequential(
        conv1, relu, conv2, relu, maxpool,
        conv3, relu, conv4, relu, maxpool,
        conv5, relu, conv6, relu, maxpool,
      );
      this.classifier = new nn.Sequential(this.l1, relu, this.l2);
    }
  }

  forward(x: Tensor): Tensor {
    const x1 = this.features(x);
    const x2 = this.flatten(x1);
    return this.classifier(x2);
  }
}

/** 10.8: `CNN_v3`, dropout after each block and in the classifier (`dropout3` used twice). */
export class CNN_v3 extends CNN_v2 {
  dropout1 = new nn.Dropout(0.2);
  dropout2 = new nn.Dropout(0.3);
  dropout3 = new nn.Dropout(0.4);

  constructor(numClasses: number, image: ImageShape = { channels: 3, size: 32 }) {
    super(numClasses, image);
    if (new.target === CNN_v3) {
      const { conv1, conv2, conv3, conv4, conv5, conv6, relu, maxpool } = this;
      const { dropout1, dropout2, dropout3 } = this;
      // biome-ignore format: one block a line, as the course lays them out
      this.features = new nn.Sequential(
        conv1, relu, conv2, relu, maxpool, dropout1,
        conv3, relu, conv4, relu, maxpool, dropout2,
        conv5, relu, conv6, relu, maxpool, dropout3,
      );
      this.classifier = new nn.Sequential(this.l1, relu, dropout3, this.l2);
    }
  }
}

/** 10.9: `CNN_v4`, `CNN_v3` with a BatchNorm2d after every convolution. */
export class CNN_v4 extends CNN_v3 {
  bn1 = new nn.BatchNorm2d(32);
  bn2 = new nn.BatchNorm2d(32);
  bn3 = new nn.BatchNorm2d(64);
  bn4 = new nn.BatchNorm2d(64);
  bn5 = new nn.BatchNorm2d(128);
  bn6 = new nn.BatchNorm2d(128);

  constructor(numClasses: number, image: ImageShape = { channels: 3, size: 32 }) {
    super(numClasses, image);
    const { conv1, conv2, conv3, conv4, conv5, conv6, relu, maxpool } = this;
    const { dropout1, dropout2, dropout3, bn1, bn2, bn3, bn4, bn5, bn6 } = this;
    // biome-ignore format: one block a line, as the course lays them out
    this.features = new nn.Sequential(
      conv1, bn1, relu, conv2, bn2, relu, maxpool, dropout1,
      conv3, bn3, relu, conv4, bn4, relu, maxpool, dropout2,
      conv5, bn5, relu, conv6, bn6, relu, maxpool, dropout3,
    );
    this.classifier = new nn.Sequential(this.l1, relu, dropout3, this.l2);
  }
}

/**
 * The chapter's bad example, `CNN_v5`: three BatchNorm2d modules, each shared by the two
 * convolutions of a block, so each one's running statistics mix two different layers and the
 * evaluation-mode outputs go wrong.
 */
export class CNN_v5 extends CNN_v3 {
  bn1 = new nn.BatchNorm2d(32);
  bn2 = new nn.BatchNorm2d(64);
  bn3 = new nn.BatchNorm2d(128);

  constructor(numClasses: number, image: ImageShape = { channels: 3, size: 32 }) {
    super(numClasses, image);
    const { conv1, conv2, conv3, conv4, conv5, conv6, relu, maxpool } = this;
    const { dropout1, dropout2, dropout3, bn1, bn2, bn3 } = this;
    // biome-ignore format: one block a line, as the course lays them out
    this.features = new nn.Sequential(
      conv1, bn1, relu, conv2, bn1, relu, maxpool, dropout1,
      conv3, bn2, relu, conv4, bn2, relu, maxpool, dropout2,
      conv5, bn3, relu, conv6, bn3, relu, maxpool, dropout3,
    );
    this.classifier = new nn.Sequential(this.l1, relu, dropout3, this.l2);
  }
}
