/**
 * Bad calls and the messages they give: each names the op, the argument and the shapes or values.
 */
import { cpuBackend } from '@nabla/backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import * as torch from './index.js';

beforeAll(() => torch.useDevice('cpu', cpuBackend()));

const m23 = () => torch.zeros(2, 3);
const v3 = () => torch.tensor([1, 2, 3]).float();

const CASES: [string, () => unknown, string][] = [
  [
    'matmul shapes',
    () => torch.matmul(torch.zeros(2, 3), torch.zeros(4, 5)),
    'matmul: shapes [2, 3] and [4, 5] cannot be multiplied (3 != 4)',
  ],
  [
    'matmul scalar',
    () => torch.matmul(torch.tensor(1).float(), v3()),
    'matmul: both arguments need at least 1 dimension, got shapes [] and [3]',
  ],
  [
    'matmul int',
    () => torch.matmul(torch.tensor([1, 2]), torch.tensor([1, 2])),
    'matmul: expected float32 tensors, got int32 and int32',
  ],
  [
    'dot lengths',
    () => torch.dot(v3(), torch.zeros(4)),
    'matmul: shapes [3] and [4] inconsistent tensor size (3 != 4)',
  ],
  [
    'mm 1-D',
    () => torch.mm(v3(), m23()),
    'mm: expected two 2-D tensors, got shapes [3] and [2, 3]',
  ],
  [
    'bmm batch',
    () => torch.bmm(torch.zeros(2, 3, 4), torch.zeros(3, 4, 5)),
    'bmm: batch sizes differ: shapes [2, 3, 4] and [3, 4, 5] (2 != 3)',
  ],
  [
    'outer 2-D',
    () => torch.outer(m23(), v3()),
    'outer: expected two 1-D tensors, got shapes [2, 3] and [3]',
  ],
  [
    'view size',
    () => torch.zeros(12).view(5, 3),
    'view: shape [5, 3] is invalid for input of size 12',
  ],
  [
    'view strides',
    () => m23().t().view(6),
    "view: view size [6] is not compatible with input tensor's size [3, 2] and stride [1, 3]",
  ],
  ['view two -1', () => torch.zeros(12).view(-1, -1), 'view: only one dimension can be inferred'],
  [
    'reshape size',
    () => m23().reshape(4, 2),
    'reshape: shape [4, 2] is invalid for input of size 6',
  ],
  [
    'item many',
    () => m23().item(),
    'item: a tensor with 6 elements cannot be converted to a number',
  ],
  [
    'item empty',
    () => torch.zeros(0).item(),
    'item: a tensor with 0 elements cannot be converted to a number',
  ],
  [
    'add broadcast',
    () => m23().add(torch.zeros(4)),
    'add: the size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1 (shapes [2, 3] and [4])',
  ],
  [
    'mul broadcast',
    () => torch.zeros(2, 3).mul(torch.zeros(3, 3)),
    'mul: the size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0',
  ],
  [
    'where condition dtype',
    () => torch.where(torch.ones(2), 1, 0),
    'where: expected condition to be a bool tensor, got float32',
  ],
  [
    'where broadcast',
    () => torch.where(torch.ones(2, { dtype: 'bool' }), torch.zeros(3), 0),
    'where: the size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0',
  ],
  [
    'neg bool',
    () => torch.ones(2, { dtype: 'bool' }).neg(),
    'neg: negation, the `-` operator, on a bool tensor is not supported',
  ],
  [
    'sub bool',
    () => torch.ones(2, { dtype: 'bool' }).sub(1),
    'sub: subtraction, the `-` operator, with a bool tensor is not supported',
  ],
  [
    'pow negative int',
    () => torch.tensor([2, 3]).pow(-1),
    'pow: integers to negative integer powers are not allowed',
  ],
  ['clamp no bounds', () => v3().clamp(), "clamp: at least one of 'min' or 'max' must not be None"],
  [
    'sum dim range',
    () => m23().sum(2),
    'sum: dim 2 is out of range for a tensor of 2 dimensions (expected to be in range of [-2, 1])',
  ],
  [
    'sum dim repeated',
    () => m23().sum([1, -1]),
    'sum: dim 1, 1 appears multiple times in the list of dims',
  ],
  [
    'mean int',
    () => torch.tensor([1, 2]).mean(),
    'mean: could not infer output dtype: input dtype must be floating point, got int32',
  ],
  [
    'max empty',
    () => torch.zeros(0).max(),
    'max: expected reduction dim to be specified for input.numel() == 0 (shape [0])',
  ],
  [
    'max dim empty',
    () => torch.zeros(2, 0).max(1),
    'max: expected reduction dim 1 to have non-zero size (shape [2, 0])',
  ],
  [
    'argmax empty',
    () => torch.zeros(0).argmax(),
    'argmax: expected reduction dim to be specified for input.numel() == 0',
  ],
  ['var int', () => torch.tensor([1, 2]).var(), 'var: expected a floating point tensor, got int32'],
  [
    'softmax dim',
    () => m23().softmax(3),
    'softmax: dim 3 is out of range for a tensor of 2 dimensions (expected to be in range of [-2, 1])',
  ],
  [
    'permute count',
    () => m23().permute(0),
    "permute: number of dims don't match: the tensor has 2 dimensions (shape [2, 3]) but 1 dims were given",
  ],
  ['permute repeat', () => m23().permute(0, 0), 'permute: repeated dim in [0, 0]'],
  [
    'transpose dim',
    () => m23().transpose(0, 2),
    'transpose: dim1 2 is out of range for a tensor of 2 dimensions',
  ],
  [
    't 3-D',
    () => torch.zeros(2, 2, 2).t(),
    't: expects a tensor with <= 2 dimensions, but self is 3D (shape [2, 2, 2])',
  ],
  [
    'expand mismatch',
    () => m23().expand(2, 4),
    'expand: the expanded size of the tensor (4) must match the existing size (3) at non-singleton dimension 1. Target sizes: [2, 4]. Tensor sizes: [2, 3]',
  ],
  [
    'expand fewer',
    () => m23().expand(3),
    'expand: the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)',
  ],
  [
    'unsqueeze dim',
    () => m23().unsqueeze(4),
    'unsqueeze: dim 4 is out of range for a tensor of 2 dimensions (expected to be in range of [-3, 2])',
  ],
  [
    'flatten order',
    () => torch.zeros(2, 3, 4).flatten(2, 1),
    'flatten: start_dim (2) cannot come after end_dim (1)',
  ],
  [
    'unflatten sizes',
    () => torch.zeros(2, 6).unflatten(1, [4, 2]),
    'unflatten: shape [4, 2] is invalid for input of size 6',
  ],
  [
    'cat shapes',
    () => torch.cat([m23(), torch.zeros(2, 4)], 0),
    'cat: sizes of tensors must match except in dimension 0: expected [2, 3] (except dim 0) but got [2, 4] for tensor number 1 in the list',
  ],
  ['cat empty list', () => torch.cat([]), 'cat: expected a non-empty list of tensors'],
  [
    'cat scalar',
    () => torch.cat([torch.tensor(1)]),
    'cat: zero-dimensional tensor (at position 0) cannot be concatenated',
  ],
  [
    'stack shapes',
    () => torch.stack([m23(), torch.zeros(2, 4)]),
    'stack: expects each tensor to be equal size, but got [2, 3] at entry 0 and [2, 4] at entry 1',
  ],
  [
    'split sizes',
    () => m23().split([1, 1], 1),
    "split: split_with_sizes expects split_sizes to sum exactly to 3 (input tensor's size at dimension 1), but got split_sizes=[1, 1]",
  ],
  ['chunk zero', () => m23().chunk(0), 'chunk: chunks must be greater than 0, got 0'],
  [
    'repeat fewer',
    () => m23().repeat(2),
    'repeat: number of dimensions of repeat dims (1) can not be smaller than number of dimensions of tensor (2)',
  ],
  ['flip repeated', () => m23().flip(0, 0), 'flip: dims has duplicates: [0, 0]'],
  [
    'narrow range',
    () => m23().index(':', '0:2').narrow(1, 1, 2),
    'narrow: start (1) + length (2) exceeds dimension size (2) of dim 1 (shape [2, 2])',
  ],
  [
    'pad odd',
    () => torch.pad(m23(), [1]),
    'pad: padding length must be even and at most twice the number of dimensions, got 1 for shape [2, 3]',
  ],
  [
    'pad reflect size',
    () => torch.pad(m23(), [3, 0], 'reflect'),
    'pad: padding size should be less than the corresponding input dimension, but got: padding (3, 0) at dimension 1 of input [2, 3]',
  ],
  [
    'index out of bounds',
    () => m23().index(2),
    'index: index 2 is out of bounds for dimension 0 with size 2',
  ],
  [
    'index too many',
    () => m23().index(0, 0, 0),
    'index: too many indices for tensor of dimension 2 (shape [2, 3])',
  ],
  [
    'index two ellipses',
    () => m23().index('...', '...'),
    'index: an index can only have a single ellipsis (...)',
  ],
  [
    'index bad slice',
    () => m23().index('1:x'),
    "index: '1:x' is not a slice: 'x' is not an integer",
  ],
  ['index step', () => m23().index('::-1'), 'index: slice step must be positive, got -1'],
  [
    'index array range',
    () => m23().index([0, 5]),
    'index: index 5 is out of bounds for dimension 0 with size 2',
  ],
  [
    'index mask shape',
    () => m23().index(torch.ones(3, { dtype: 'bool' })),
    'index: the shape of the mask [3] at index 0 does not match the shape of the indexed tensor [2, 3] at index 0',
  ],
  [
    'index float tensor',
    () => m23().index(torch.zeros(1)),
    'index: tensors used as indices must be int32 or bool tensors, got float32',
  ],
  [
    'index broadcast',
    () => m23().index([0, 1], [0, 1, 2]),
    'index: shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]',
  ],
  [
    'indexPut value shape',
    () => m23().indexPut_([0], torch.zeros(4)),
    'indexPut_: the size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0',
  ],
  [
    'gather dims',
    () => m23().gather(1, torch.tensor([0])),
    'gather: index [1] and input [2, 3] must have the same number of dimensions',
  ],
  [
    'gather range',
    () => m23().gather(1, torch.tensor([[3]])),
    'gather: index 3 is out of range for dimension of size 3',
  ],
  [
    'indexSelect dtype',
    () => m23().indexSelect(0, torch.zeros(1)),
    'indexSelect: index must be a 1-D int32 tensor, got float32 of shape [1]',
  ],
  [
    'add_ shape',
    () => torch.zeros(3).add_(m23()),
    "add_: output with shape [3] doesn't match the broadcast shape [2, 3]",
  ],
  [
    'add_ dtype',
    () => torch.tensor([1, 2]).add_(0.5),
    "add_: result type float32 can't be cast to the desired output type int32",
  ],
  [
    'fill_ tensor',
    () => m23().fill_(v3()),
    'fill_: only supports 0-dimension value tensor but got tensor with 1 dimensions',
  ],
  [
    'copy_ shape',
    () => torch.zeros(3).copy_(m23()),
    'copy_: source of shape [2, 3] cannot be broadcast to [3]',
  ],
  [
    'uniform_ int',
    () => torch.tensor([1, 2]).uniform_(),
    'uniform_: expected a floating point tensor, got int32',
  ],
  [
    'uniform_ range',
    () => torch.zeros(2).uniform_(1, 0),
    'uniform_: expects to return a [from, to) range, but found from=1 > to=0',
  ],
  [
    'normal_ std',
    () => torch.zeros(2).normal_(0, -1),
    'normal_: expects std >= 0.0, but found std -1',
  ],
  [
    'bernoulli_ p',
    () => torch.zeros(2).bernoulli_(1.5),
    'bernoulli_: expects p to be in [0, 1], but got p=1.5',
  ],
  [
    'zeros negative',
    () => torch.zeros(2, -1),
    'zeros: trying to create tensor with negative dimension -1: [2, -1]',
  ],
  ['zeros fraction', () => torch.zeros(2.5), 'zeros: size must be a list of integers, got [2.5]'],
  [
    'tensor ragged',
    () => torch.tensor([[1, 2], [3]]),
    'tensor: expected sequence of length 2 at dim 1 (got 1)',
  ],
  [
    'tensor strings',
    () => torch.tensor(['a'] as never),
    'tensor: could not infer dtype of string at depth 1',
  ],
  ['arange step', () => torch.arange(0, 5, 0), 'arange: step must be nonzero'],
  [
    'arange sign',
    () => torch.arange(5, 0, 1),
    'arange: upper bound and larger bound inconsistent with step sign (start 5, end 0, step 1)',
  ],
  [
    'linspace steps',
    () => torch.linspace(0, 1, -1),
    'linspace: number of steps must be non-negative, got -1',
  ],
  [
    'randint range',
    () => torch.randint(5, 5, [2]),
    "randint: expects 'from' to be less than 'to', but got from=5 >= to=5",
  ],
  ['randperm n', () => torch.randperm(-1), 'randperm: n must be non-negative, got -1'],
  ['normal std', () => torch.normal(0, -1, [2]), 'normal: expects std >= 0.0, but found std -1'],
  [
    'requiresGrad int',
    () => torch.tensor([1, 2]).requiresGrad_(),
    'requiresGrad_: only tensors of floating point dtype can require gradients, got int32',
  ],
  ['size dim', () => m23().size(5), 'size: dim 5 is out of range for a tensor of 2 dimensions'],
  [
    'unknown device',
    () => torch.zeros(2, { device: 'tpu' }),
    "device: no backend for device 'tpu'",
  ],
];

describe('bad calls name the op, the argument and the shapes', () => {
  it('has at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });
  it.each(CASES)('%s', (_name, call, message) => {
    expect(call).toThrow(torch.NablaError);
    expect(call).toThrow(message);
  });
});
