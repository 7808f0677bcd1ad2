// Bad arguments and inputs throw a NablaError whose message names the layer (its printout, for
// a built layer) and the shapes, in PyTorch's words where PyTorch has words for it.
import { NablaError, randn, tensor } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpu } from '../helpers.test.util.js';
import { AdaptiveAvgPool2d } from './adaptive-avg-pool2d.js';
import { AvgPool2d } from './avg-pool2d.js';
import { BatchNorm1d } from './batch-norm1d.js';
import { BatchNorm2d } from './batch-norm2d.js';
import { Conv2d, type PaddingMode } from './conv2d.js';
import { Dropout } from './dropout.js';
import { Embedding } from './embedding.js';
import { Flatten } from './flatten.js';
import { GELU } from './gelu.js';
import { Linear } from './linear.js';
import { LogSoftmax } from './log-softmax.js';
import { MaxPool2d } from './max-pool2d.js';
import { Softmax } from './softmax.js';

beforeAll(useCpu);

const LINEAR = 'Linear(in_features=784, out_features=128, bias=True)';
const CONV = 'Conv2d(3, 32, kernel_size=(3, 3), stride=(1, 1))';
const BN2 = 'BatchNorm2d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)';

const cases: [string, () => unknown, string][] = [
  [
    'Linear: in_features mismatch',
    () => new Linear(784, 128)(randn(100, 783)),
    `${LINEAR}: mat1 and mat2 shapes cannot be multiplied (100x783 and 784x128)`,
  ],
  [
    'Conv2d: channel mismatch',
    () => new Conv2d(3, 32, 3)(randn(100, 4, 32, 32)),
    `${CONV}: Given groups=1, weight of size [32, 3, 3, 3], expected input[100, 4, 32, 32] to have 3 channels, but got 4 channels instead`,
  ],
  [
    'Conv2d: wrong input rank',
    () => new Conv2d(3, 32, 3)(randn(100, 3)),
    `${CONV}: Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [100, 3]`,
  ],
  [
    'Conv2d: kernel larger than the input',
    () => new Conv2d(3, 32, 3)(randn(1, 3, 2, 8)),
    `${CONV}: Calculated padded input size per channel: (2 x 8). Kernel size: (3 x 3). Kernel size can't be greater than actual input size (input of shape [1, 3, 2, 8])`,
  ],
  [
    'Conv2d: unknown padding mode',
    () => new Conv2d(3, 32, 3, { paddingMode: 'mirror' as PaddingMode }),
    "Conv2d: padding_mode must be one of ['zeros', 'reflect', 'replicate', 'circular'], but got padding_mode='mirror'",
  ],
  [
    'Conv2d: unknown padding string',
    () => new Conv2d(3, 32, 3, { padding: 'full' as 'same' }),
    "Conv2d: Invalid padding string 'full', should be one of ['same', 'valid']",
  ],
  [
    "Conv2d: padding='same' with a stride",
    () => new Conv2d(3, 32, 3, { padding: 'same', stride: 2 }),
    "Conv2d: padding='same' is not supported for strided convolutions",
  ],
  [
    'Conv2d: groups that do not divide the channels',
    () => new Conv2d(3, 32, 3, { groups: 2 }),
    'Conv2d: in_channels must be divisible by groups',
  ],
  [
    'MaxPool2d: kernel larger than the input',
    () => new MaxPool2d(3)(randn(1, 3, 2, 2)),
    'MaxPool2d(kernel_size=3, stride=3, padding=0, dilation=1, ceil_mode=False): Given input size: (3x2x2). Calculated output size: (3x0x0). Output size is too small',
  ],
  [
    'MaxPool2d: wrong input rank',
    () => new MaxPool2d(2)(randn(3, 4)),
    'MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False): non-empty 3D or 4D (batch mode) tensor expected for input',
  ],
  [
    'AvgPool2d: kernel larger than the input',
    () => new AvgPool2d(5)(randn(1, 3, 2, 2)),
    'AvgPool2d(kernel_size=5, stride=5, padding=0): Given input size: (3x2x2)',
  ],
  [
    'AdaptiveAvgPool2d: wrong input rank',
    () => new AdaptiveAvgPool2d([1, 1])(randn(5)),
    'AdaptiveAvgPool2d(output_size=(1, 1)): Expected 3D or 4D tensor, but got [5]',
  ],
  [
    'BatchNorm2d: wrong input rank',
    () => new BatchNorm2d(32)(randn(100, 32)),
    `${BN2}: expected 4D input (got 2D input)`,
  ],
  [
    'BatchNorm1d: wrong input rank',
    () => new BatchNorm1d(32)(randn(100, 32, 3, 3)),
    'BatchNorm1d(32, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True): expected 2D or 3D input (got 4D input)',
  ],
  [
    'BatchNorm2d: channel mismatch',
    () => new BatchNorm2d(32)(randn(10, 16, 3, 3)),
    `${BN2}: expected input with 32 channels (dimension 1), got input of shape [10, 16, 3, 3]`,
  ],
  [
    'BatchNorm1d: one value per channel in training',
    () => new BatchNorm1d(3)(randn(1, 3)),
    'Expected more than 1 value per channel when training, got input size [1, 3]',
  ],
  [
    'Softmax: invalid dim',
    () => new Softmax(2)(randn(3, 4)),
    'Softmax(dim=2): dim 2 is out of range for a tensor of 2 dimensions (expected to be in range of [-2, 1])',
  ],
  [
    'LogSoftmax: invalid dim',
    () => new LogSoftmax({ dim: -3 })(randn(3, 4)),
    'LogSoftmax(dim=-3): dim -3 is out of range',
  ],
  [
    'Flatten: invalid dim',
    () => new Flatten(3)(randn(3, 4)),
    'Flatten(start_dim=3, end_dim=-1): start_dim 3 is out of range for a tensor of 2 dimensions',
  ],
  [
    'Dropout: probability outside [0, 1]',
    () => new Dropout(1.5),
    'Dropout: dropout probability has to be between 0 and 1, but got 1.5',
  ],
  [
    'GELU: unknown approximation',
    () => new GELU('fast' as 'tanh'),
    "GELU: approximate argument must be either none or tanh, got 'fast'",
  ],
  [
    'Embedding: index out of range',
    () => new Embedding(10, 3)(tensor([1, 10])),
    'Embedding(10, 3): index out of range in self: index 10 for a weight of shape [10, 3]',
  ],
  [
    'Embedding: padding index out of range',
    () => new Embedding(10, 3, { paddingIdx: 10 }),
    'Embedding: Padding_idx must be within num_embeddings (10), got 10',
  ],
];

describe('layer errors', () => {
  it.each(cases)('%s', (_name, fn, message) => {
    expect(fn).toThrow(NablaError);
    expect(fn).toThrow(message);
  });

  it('leaves BatchNorm untouched when the input is refused', () => {
    const bn = new BatchNorm2d(32);
    expect(() => bn(randn(10, 16, 3, 3))).toThrow();
    expect(bn.numBatchesTracked!.item()).toBe(0);
  });
});
