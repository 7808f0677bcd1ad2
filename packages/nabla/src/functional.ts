/**
 * `torch.nn.functional` (`F`): the functional forms of the layers, activations and losses.
 * `nn.functional.relu(x)`, `nn.functional.crossEntropy(outputs, labels)`.
 */

export {
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  crossEntropy,
  huberLoss,
  klDiv,
  l1Loss,
  mseLoss,
  nllLoss,
  smoothL1Loss,
} from '@nabla/losses';
export {
  adaptiveAvgPool2d,
  avgPool2d,
  batchNorm,
  conv2d,
  dropout,
  embedding,
  gelu,
  hardtanh,
  leakyRelu,
  linear,
  logSoftmax,
  maxPool2d,
  pad,
  relu,
  sigmoid,
  softmax,
  tanh,
} from '@nabla/tensor';
