import { arange, randn, tensor } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConcatDataset } from './concat-dataset.js';
import { Dataset } from './dataset.js';
import { useCpu } from './setup.test.util.js';
import { Subset } from './subset.js';
import { TensorDataset } from './tensor-dataset.js';

beforeAll(useCpu);

class Squares extends Dataset<[number, number]> {
  get length(): number {
    return 5;
  }
  getItem(i: number): [number, number] {
    return [i, i * i];
  }
}

describe('Dataset', () => {
  it('reads samples by index, negative ones from the end, and iterates', () => {
    const ds = new Squares();
    expect(ds.get(2)).toEqual([2, 4]);
    expect(ds.get(-1)).toEqual([4, 16]);
    expect(ds.get(-5)).toEqual([0, 0]);
    expect([...ds].map(([, y]) => y)).toEqual([0, 1, 4, 9, 16]);
  });

  it('rejects indices out of range or not integers', () => {
    const ds = new Squares();
    expect(() => ds.get(5)).toThrow('Squares: index 5 is out of range for 5 samples');
    expect(() => ds.get(-6)).toThrow('Squares: index -6 is out of range for 5 samples');
    expect(() => ds.get(1.5)).toThrow('Squares: index must be an integer, got 1.5');
  });
});

describe('TensorDataset', () => {
  it('gives one row of each tensor per sample', () => {
    const x = arange(12).view(4, 3);
    const y = tensor([0, 1, 0, 1]);
    const ds = new TensorDataset(x, y);
    expect(ds.length).toBe(4);
    const [xi, yi] = ds.get(-1);
    expect(xi.tolist()).toEqual([9, 10, 11]);
    expect(yi.item()).toBe(1);
    expect(ds.tensors[0]).toBe(x);
  });

  it('slices a run of indices as a view of the data, and gathers any other batch', () => {
    const x = randn(10, 3);
    const ds = new TensorDataset(x, arange(10));
    const [run, runLabels] = ds.getBatch([4, 5, 6]);
    expect(run.buffer).toBe(x.buffer); // a view: nothing copied
    expect(run.shape).toEqual([3, 3]);
    expect(run.tolist()).toEqual(x.index('4:7').tolist());
    expect(runLabels.tolist()).toEqual([4, 5, 6]);
    const [picked, labels] = ds.getBatch([7, 0, 3]);
    expect(picked.tolist()).toEqual([
      x.index(7).tolist(),
      x.index(0).tolist(),
      x.index(3).tolist(),
    ]);
    expect(labels.tolist()).toEqual([7, 0, 3]);
  });

  it('rejects tensors whose first dimensions disagree', () => {
    expect(() => new TensorDataset(randn(4, 2), arange(3))).toThrow(
      'TensorDataset: size mismatch between tensors: tensor 1 has shape [3], tensor 0 has [4, 2]',
    );
    expect(() => new TensorDataset()).toThrow('TensorDataset: expected at least one tensor');
  });
});

describe('Subset', () => {
  it('reads the parent at its indices and batches through the parent', () => {
    const ds = new TensorDataset(arange(10).mul(10));
    const sub = new Subset(ds, [9, 2, -1]);
    expect(sub.length).toBe(3);
    expect(sub.get(1)[0].item()).toBe(20);
    expect(sub.get(-1)[0].item()).toBe(90);
    const [batch] = sub.getBatch([0, 1, 2]);
    expect(batch.tolist()).toEqual([90, 20, 90]);
  });

  it('collates sample by sample when the parent cannot batch', () => {
    const sub = new Subset(new Squares(), [4, 1]);
    const [x, y] = sub.getBatch([0, 1]);
    expect(x.tolist()).toEqual([4, 1]);
    expect(y.tolist()).toEqual([16, 1]);
  });
});

describe('ConcatDataset', () => {
  it('chains datasets and arrays', () => {
    const both = new ConcatDataset<[number, number]>([new Squares(), [[7, 7]], new Squares()]);
    expect(both.length).toBe(11);
    expect(both.cumulativeSizes).toEqual([5, 6, 11]);
    expect(both.get(4)).toEqual([4, 16]);
    expect(both.get(5)).toEqual([7, 7]);
    expect(both.get(6)).toEqual([0, 0]);
    expect(both.get(-1)).toEqual([4, 16]);
    expect(() => both.get(11)).toThrow('ConcatDataset: index 11 is out of range for 11 samples');
    expect(() => new ConcatDataset([])).toThrow('datasets should not be an empty iterable');
  });
});
