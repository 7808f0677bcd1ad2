/**
 * Test-only: the models of the course (BOOK.md chapters 4-11), written as a reader of the book
 * writes them with Nabla, line for line with the notebooks' classes.
 */
import type { Tensor } from '@nabla/tensor';
import { Sequential } from './containers/sequential.js';
import { init } from './index.js';
import { AdaptiveAvgPool2d } from './layers/adaptive-avg-pool2d.js';
import { BatchNorm2d } from './layers/batch-norm2d.js';
import { Conv2d } from './layers/conv2d.js';
import { Dropout } from './layers/dropout.js';
import { Flatten } from './layers/flatten.js';
import { Linear } from './layers/linear.js';
import { LogSoftmax } from './layers/log-softmax.js';
import { MaxPool2d } from './layers/max-pool2d.js';
import { ReLU } from './layers/relu.js';
import { Sigmoid } from './layers/sigmoid.js';
import { Softmax } from './layers/softmax.js';
import { type AnyModule, Module } from './module.js';

/** ch04 4.7: a single Linear(1, 1). */
export class Ch04Net extends Module {
  l1 = new Linear(1, 1);
  forward(x: Tensor): Tensor {
    return this.l1(x);
  }
}

/** ch04 4.7: three Linear layers without activation. */
export class Ch04Net2 extends Module {
  l1 = new Linear(1, 10);
  l2 = new Linear(10, 10);
  l3 = new Linear(10, 1);
  forward(x: Tensor): Tensor {
    return this.l3(this.l2(this.l1(x)));
  }
}

/** ch04 4.7: the same with a shared ReLU. */
export class Ch04Net3 extends Module {
  l1 = new Linear(1, 10);
  l2 = new Linear(10, 10);
  l3 = new Linear(10, 1);
  relu = new ReLU({ inplace: true });
  forward(x: Tensor): Tensor {
    return this.l3(this.relu(this.l2(this.relu(this.l1(x)))));
  }
}

/** ch05: linear regression, weights set with init.constant_. */
export class Ch05Net extends Module {
  l1: Linear;
  constructor(nInput: number, nOutput: number) {
    super();
    this.l1 = new Linear(nInput, nOutput);
    init.constant_(this.l1.weight, 1.0);
    init.constant_(this.l1.bias!, 1.0);
  }
  forward(x: Tensor): Tensor {
    return this.l1(x);
  }
}

/** ch06: logistic regression. */
export class Ch06Net extends Module {
  l1: Linear;
  sigmoid = new Sigmoid();
  constructor(nInput: number, nOutput: number) {
    super();
    this.l1 = new Linear(nInput, nOutput);
    init.ones_(this.l1.weight);
    init.ones_(this.l1.bias!);
  }
  forward(x: Tensor): Tensor {
    return this.sigmoid(this.l1(x));
  }
}

/** ch07: multiclass logistic regression (pattern 1: logits out). */
export class Ch07Net extends Module {
  l1: Linear;
  constructor(nInput: number, nOutput: number) {
    super();
    this.l1 = new Linear(nInput, nOutput);
    init.ones_(this.l1.weight);
    init.ones_(this.l1.bias!);
  }
  forward(x: Tensor): Tensor {
    return this.l1(x);
  }
}

/** ch07 pattern 2: LogSoftmax in the model. */
export class Ch07NetLogSoftmax extends Ch07Net {
  logsoftmax = new LogSoftmax({ dim: 1 });
  override forward(x: Tensor): Tensor {
    return this.logsoftmax(this.l1(x));
  }
}

/** ch07 pattern 3: Softmax in the model. */
export class Ch07NetSoftmax extends Ch07Net {
  softmax = new Softmax({ dim: 1 });
  override forward(x: Tensor): Tensor {
    return this.softmax(this.l1(x));
  }
}

/** ch08 / ch09: the MLP with one hidden layer (784-128-10, 3072-128-10). */
export class Ch08Net extends Module {
  l1: Linear;
  l2: Linear;
  relu = new ReLU({ inplace: true });
  constructor(nInput: number, nOutput: number, nHidden: number) {
    super();
    this.l1 = new Linear(nInput, nHidden);
    this.l2 = new Linear(nHidden, nOutput);
  }
  forward(x: Tensor): Tensor {
    return this.l2(this.relu(this.l1(x)));
  }
}

/** ch08 8.14: two hidden layers. */
export class Ch08Net2 extends Module {
  l1: Linear;
  l2: Linear;
  l3: Linear;
  relu = new ReLU({ inplace: true });
  constructor(nInput: number, nOutput: number, nHidden: number) {
    super();
    this.l1 = new Linear(nInput, nHidden);
    this.l2 = new Linear(nHidden, nHidden);
    this.l3 = new Linear(nHidden, nOutput);
  }
  forward(x: Tensor): Tensor {
    return this.l3(this.relu(this.l2(this.relu(this.l1(x)))));
  }
}

/** ch08 column: Net2 with Sigmoid (vanishing gradients). */
export class Ch08Net3 extends Module {
  l1: Linear;
  l2: Linear;
  l3: Linear;
  sigmoid = new Sigmoid();
  constructor(nInput: number, nOutput: number, nHidden: number) {
    super();
    this.l1 = new Linear(nInput, nHidden);
    this.l2 = new Linear(nHidden, nHidden);
    this.l3 = new Linear(nHidden, nOutput);
  }
  forward(x: Tensor): Tensor {
    return this.l3(this.sigmoid(this.l2(this.sigmoid(this.l1(x)))));
  }
}

/** ch09 9.9: the CNN, one ReLU shared by both Sequentials. */
export class CNN extends Module {
  conv1 = new Conv2d(3, 32, 3);
  conv2 = new Conv2d(32, 32, 3);
  relu = new ReLU({ inplace: true });
  maxpool = new MaxPool2d([2, 2]);
  flatten = new Flatten();
  l1: Linear;
  l2: Linear;
  features: Sequential;
  classifier: Sequential;
  constructor(nOutput: number, nHidden: number) {
    super();
    this.l1 = new Linear(6272, nHidden);
    this.l2 = new Linear(nHidden, nOutput);
    this.features = new Sequential(this.conv1, this.relu, this.conv2, this.relu, this.maxpool);
    this.classifier = new Sequential(this.l1, this.relu, this.l2);
  }
  forward(x: Tensor): Tensor {
    const x1 = this.features(x);
    const x2 = this.flatten(x1);
    return this.classifier(x2);
  }
}

/** The layers CNN_v2..v5 share, in the notebook's order of assignment. */
abstract class CNNBase extends Module {
  conv1 = new Conv2d(3, 32, 3, { padding: [1, 1] });
  conv2 = new Conv2d(32, 32, 3, { padding: [1, 1] });
  conv3 = new Conv2d(32, 64, 3, { padding: [1, 1] });
  conv4 = new Conv2d(64, 64, 3, { padding: [1, 1] });
  conv5 = new Conv2d(64, 128, 3, { padding: [1, 1] });
  conv6 = new Conv2d(128, 128, 3, { padding: [1, 1] });
  relu = new ReLU({ inplace: true });
  flatten = new Flatten();
  maxpool = new MaxPool2d([2, 2]);
  l1 = new Linear(4 * 4 * 128, 128);
  l2: Linear;
  declare features: Sequential;
  declare classifier: Sequential;
  constructor(numClasses: number) {
    super();
    this.l2 = new Linear(128, numClasses);
  }
  forward(x: Tensor): Tensor {
    return this.classifier(this.flatten(this.features(x)));
  }
}

/** ch10 10.6: six convolutions, one shared ReLU and one shared MaxPool2d. */
export class CNN_v2 extends CNNBase {
  constructor(numClasses: number) {
    super(numClasses);
    const [r, p] = [this.relu, this.maxpool];
    this.features = new Sequential(
      ...[this.conv1, r, this.conv2, r, p, this.conv3, r, this.conv4, r, p],
      ...[this.conv5, r, this.conv6, r, p],
    );
    this.classifier = new Sequential(this.l1, r, this.l2);
  }
}

/** CNN_v3's dropouts, assigned after l2 as in the notebook. */
abstract class CNNDropout extends CNNBase {
  dropout1 = new Dropout(0.2);
  dropout2 = new Dropout(0.3);
  dropout3 = new Dropout(0.4);
}

/** ch10 10.8: CNN_v2 with dropout; dropout3 is shared with the classifier. */
export class CNN_v3 extends CNNDropout {
  constructor(numClasses: number) {
    super(numClasses);
    const [r, p] = [this.relu, this.maxpool];
    this.features = new Sequential(
      ...[this.conv1, r, this.conv2, r, p, this.dropout1],
      ...[this.conv3, r, this.conv4, r, p, this.dropout2],
      ...[this.conv5, r, this.conv6, r, p, this.dropout3],
    );
    this.classifier = new Sequential(this.l1, r, this.dropout3, this.l2);
  }
}

/** ch10 10.9: CNN_v3 with a BatchNorm2d after each convolution. */
export class CNN_v4 extends CNNDropout {
  bn1 = new BatchNorm2d(32);
  bn2 = new BatchNorm2d(32);
  bn3 = new BatchNorm2d(64);
  bn4 = new BatchNorm2d(64);
  bn5 = new BatchNorm2d(128);
  bn6 = new BatchNorm2d(128);
  constructor(numClasses: number) {
    super(numClasses);
    const [r, p] = [this.relu, this.maxpool];
    this.features = new Sequential(
      ...[this.conv1, this.bn1, r, this.conv2, this.bn2, r, p, this.dropout1],
      ...[this.conv3, this.bn3, r, this.conv4, this.bn4, r, p, this.dropout2],
      ...[this.conv5, this.bn5, r, this.conv6, this.bn6, r, p, this.dropout3],
    );
    this.classifier = new Sequential(this.l1, r, this.dropout3, this.l2);
  }
}

/** ch10 column: the bad example, each BatchNorm2d shared by two convolutions. */
export class CNN_v5 extends CNNDropout {
  bn1 = new BatchNorm2d(32);
  bn2 = new BatchNorm2d(64);
  bn3 = new BatchNorm2d(128);
  constructor(numClasses: number) {
    super(numClasses);
    const [r, p] = [this.relu, this.maxpool];
    this.features = new Sequential(
      ...[this.conv1, this.bn1, r, this.conv2, this.bn1, r, p, this.dropout1],
      ...[this.conv3, this.bn2, r, this.conv4, this.bn2, r, p, this.dropout2],
      ...[this.conv5, this.bn3, r, this.conv6, this.bn3, r, p, this.dropout3],
    );
    this.classifier = new Sequential(this.l1, r, this.dropout3, this.l2);
  }
}

/** ch11 11.4: AdaptiveAvgPool2d((1, 1)), a view, Linear(32, 10). */
export class Ch11Pool extends Module {
  p = new AdaptiveAvgPool2d([1, 1]);
  l1 = new Linear(32, 10);
  forward(x: Tensor): Tensor {
    const m1 = this.p(x);
    return this.l1(m1.view(m1.shape[0] as number, -1));
  }
}

/** The models of the fixture, by name, as the fixture builds them. */
export const COURSE_MODELS: Record<string, () => AnyModule> = {
  ch04_net: () => new Ch04Net(),
  ch04_net2: () => new Ch04Net2(),
  ch04_net3: () => new Ch04Net3(),
  ch05_net: () => new Ch05Net(2, 1),
  ch06_net: () => new Ch06Net(2, 1),
  ch07_net: () => new Ch07Net(4, 3),
  ch07_net_logsoftmax: () => new Ch07NetLogSoftmax(2, 3),
  ch07_net_softmax: () => new Ch07NetSoftmax(2, 3),
  ch08_net: () => new Ch08Net(784, 10, 128),
  ch08_net2: () => new Ch08Net2(784, 10, 128),
  ch08_net3: () => new Ch08Net3(784, 10, 128),
  ch09_mlp: () => new Ch08Net(3072, 10, 128),
  ch09_cnn: () => new CNN(10, 128),
  ch10_cnn_v2: () => new CNN_v2(10),
  ch10_cnn_v3: () => new CNN_v3(10),
  ch10_cnn_v4: () => new CNN_v4(10),
  ch10_cnn_v5: () => new CNN_v5(10),
  ch11_pool: () => new Ch11Pool(),
};
