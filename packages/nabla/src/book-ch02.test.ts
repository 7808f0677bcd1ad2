/**
 * The tensor steps of the course's chapters 1 and 2 (../shared/BOOK.md), line for line.
 * Expected strings are what PyTorch 1.13.1 prints for the same Python lines.
 */
import { describe, expect, it } from 'vitest';
import { torch } from './index.js';

describe('book chapter 2: tensors', () => {
  it('1. tensors of each rank', () => {
    const r0 = torch.tensor(1.0).float();
    expect(r0.dtype).toBe(torch.float32);
    expect(r0.shape).toEqual([]);
    expect(r0.toString()).toBe('tensor(1.)');
    const r1 = torch.tensor([1, 2, 3, 4, 5]).float();
    expect(r1.toString()).toBe('tensor([1., 2., 3., 4., 5.])');
    const r2 = torch
      .tensor([
        [1, 5, 6],
        [4, 3, 2],
      ])
      .float();
    expect(r2.toString()).toBe('tensor([[1., 5., 6.],\n        [4., 3., 2.]])');
    torch.manualSeed(123);
    const r3 = torch.randn([3, 2, 2]);
    expect(r3.toString()).toBe(
      'tensor([[[-0.1115,  0.1204],\n         [-0.3696, -0.2404]],\n\n' +
        '        [[-1.1969,  0.2093],\n         [-0.9724, -0.7550]],\n\n' +
        '        [[ 0.3239, -0.1085],\n         [ 0.2103, -0.3908]]])',
    );
    const r4 = torch.ones([2, 3, 2, 2]);
    expect(r4.shape).toEqual([2, 3, 2, 2]);
    expect(r4.sum().item()).toBe(24);
  });

  it('2-5. long(), view, requires_grad, device and item()', () => {
    const r1 = torch.tensor([1, 2, 3, 4, 5]).float();
    const r5 = r1.long();
    expect(r5.dtype).toBe(torch.long);
    expect(r5.toString()).toBe('tensor([1, 2, 3, 4, 5])');
    torch.manualSeed(123);
    const r3 = torch.randn([3, 2, 2]);
    expect(r3.view(3, -1).shape).toEqual([3, 4]);
    expect(r3.view(-1).shape).toEqual([12]);
    expect(r1.requiresGrad).toBe(false);
    expect(r1.device).toBe('cpu');
    expect(torch.tensor(1.0).float().item()).toBe(1);
    expect(() => r1.item()).toThrow(
      'item: a tensor with 5 elements cannot be converted to a number',
    );
    expect(torch.ones(1).item()).toBe(1);
  });

  it('6. max over all and max(dim) giving values and indices', () => {
    const r2 = torch
      .tensor([
        [1, 5, 6],
        [4, 3, 2],
      ])
      .float();
    expect(r2.max().toString()).toBe('tensor(6.)');
    const m = torch.max(r2, 1);
    expect(m.toString()).toBe(
      'torch.return_types.max(\nvalues=tensor([6., 4.]),\nindices=tensor([2, 0]))',
    );
    expect(m[1].toString()).toBe('tensor([2, 0])');
    expect(m.indices.tolist()).toEqual([2, 0]);
  });

  it('8-9. the quadratic and the sigmoid, forward', () => {
    const x = torch.tensor(torch.arange(-2, 2.1, 0.25).tolist() as number[], {
      requiresGrad: true,
      dtype: torch.float32,
    });
    expect(x.numel()).toBe(17);
    const y = x.pow(2).mul(2).add(2);
    expect(y.detach().toString()).toBe(
      'tensor([10.0000,  8.1250,  6.5000,  5.1250,  4.0000,  3.1250,  2.5000,  2.1250,\n' +
        '         2.0000,  2.1250,  2.5000,  3.1250,  4.0000,  5.1250,  6.5000,  8.1250,\n' +
        '        10.0000])',
    );
    expect(y.sum().item()).toBe(85);
    expect(y.mean().item()).toBe(5);
    expect(y.max().item()).toBe(10);
    expect(x.requiresGrad).toBe(true);
    expect(torch.sigmoid(x).detach().toString()).toBe(
      'tensor([0.1192, 0.1480, 0.1824, 0.2227, 0.2689, 0.3208, 0.3775, 0.4378, 0.5000,\n' +
        '        0.5622, 0.6225, 0.6792, 0.7311, 0.7773, 0.8176, 0.8520, 0.8808])',
    );
  });
});

describe('book chapter 1 and later tensor steps', () => {
  it('ch1: x1[1] = -1 changes a tensor that shares its memory', () => {
    const x1 = torch.ones(5);
    const x2 = x1.detach();
    x1.indexPut_([1], -1);
    expect(x2.toString()).toBe('tensor([ 1., -1.,  1.,  1.,  1.])');
  });

  it('ch7: integer-array indexing', () => {
    const labels = torch.tensor([1, 1, 0, 2, 2]);
    expect(labels.index([0, 2, 3]).toString()).toBe('tensor([1, 0, 2])');
  });

  it('ch5: a column of inputs with view(-1, 1)', () => {
    const x = torch.arange(-2, 2.1, 1).float().view(-1, 1);
    expect(x.toString()).toBe(
      'tensor([[-2.],\n        [-1.],\n        [ 0.],\n        [ 1.],\n        [ 2.]])',
    );
  });

  it('ch10: the BatchNorm column statistics', () => {
    torch.manualSeed(123);
    const inputs = torch.randn(1, 1, 10);
    expect(inputs.mean().toString()).toBe('tensor(-0.3101)');
    expect(inputs.std(false).toString()).toBe('tensor(0.4867)');
    expect(inputs.var(true).toString()).toBe('tensor(0.2632)');
  });
});
