import { type Tensor, tensor } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultCollate } from './collate.js';
import { useCpu } from './setup.test.util.js';

beforeAll(useCpu);

describe('defaultCollate', () => {
  it('stacks tensors and turns numbers into a tensor', () => {
    const [x, y] = defaultCollate<[Tensor, number]>([
      [tensor([1, 2]), 0],
      [tensor([3, 4]), 1],
    ]);
    expect(x.shape).toEqual([2, 2]);
    expect(x.tolist()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(y.dtype).toBe('int32');
    expect(y.tolist()).toEqual([0, 1]);
  });

  it('keeps fractional numbers as float32, booleans as bool, strings as a list', () => {
    expect(defaultCollate([0.5, 1]).dtype).toBe('float32');
    expect(defaultCollate([true, false]).tolist()).toEqual([true, false]);
    expect(defaultCollate(['a', 'b'])).toEqual(['a', 'b']);
  });

  it('collates objects key by key and typed arrays like NumPy arrays', () => {
    const batch = defaultCollate([
      { image: new Float32Array([1, 2]), label: 3, name: 'x' },
      { image: new Float32Array([4, 5]), label: 6, name: 'y' },
    ]);
    expect(batch.image.shape).toEqual([2, 2]);
    expect(batch.label.tolist()).toEqual([3, 6]);
    expect(batch.name).toEqual(['x', 'y']);
  });

  it('reports samples of different kinds, sizes or shapes', () => {
    expect(() => defaultCollate<unknown>([tensor([1]), 2])).toThrow(
      'defaultCollate: batch: sample 1 is a number, sample 0 a Tensor',
    );
    expect(() => defaultCollate([[1, 2], [3]])).toThrow(
      'defaultCollate: batch: each sample should have the same number of elements, but sample 1 has 1 and sample 0 has 2',
    );
    expect(() => defaultCollate([[tensor([1, 2])], [tensor([1])]])).toThrow(
      'defaultCollate: batch[0]: stack: expects each tensor to be equal size, but got [2] at entry 0 and [1] at entry 1',
    );
    const image = { data: new Uint8Array(4), width: 2, height: 2, channels: 1 };
    expect(() => defaultCollate([[image, 0]])).toThrow(
      'defaultCollate: batch[0] holds raw images, which cannot be stacked: give the dataset a transform that ends in ToTensor()',
    );
    expect(() => defaultCollate([])).toThrow('defaultCollate: the batch is empty');
  });
});
