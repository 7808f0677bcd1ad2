import { describe, expect, it } from 'vitest';
import { torch } from './index.js';

describe('torch.setNumThreads / getNumThreads', () => {
  it('sets the CPU device threads; products give the same bits on 1 and 2 threads', () => {
    expect(torch.getNumThreads()).toBe(1);
    torch.manualSeed(0);
    // 300 x 300 x 300: above the size from which products are shared among threads
    const a = torch.randn(300, 300);
    const b = torch.randn(300, 300);
    const one = [...torch.matmul(a, b).dataSync()];
    torch.setNumThreads(2);
    expect(torch.getNumThreads()).toBe(2);
    const two = [...torch.matmul(a, b).dataSync()];
    expect(two).toEqual(one);
    torch.setNumThreads(1);
    expect(torch.getNumThreads()).toBe(1);
  });

  it('rejects a count that is not a positive integer, naming the call', () => {
    expect(() => torch.setNumThreads(0)).toThrow(
      'setNumThreads: threads must be a positive integer, got 0',
    );
    expect(() => torch.setNumThreads(1.5)).toThrow(RangeError);
    expect(torch.getNumThreads()).toBe(1);
  });
});
