import { describe, expect, it } from 'vitest';
import { torch } from './index.js';

describe('nabla umbrella', () => {
  it('wires the cpu device so torch works without setup', () => {
    const x = torch.tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: torch.float32 },
    );
    expect(x.device).toBe('cpu');
    expect(x.add(1).mul(x).sum().item()).toBe(40);
  });

  it('exposes dtype names as PyTorch does, with int64 mapped to int32', () => {
    expect(torch.tensor([1.5]).long().dtype).toBe(torch.int64);
    expect(torch.long).toBe('int32');
    expect(torch.ones(2, { dtype: torch.bool }).toString()).toBe('tensor([True, True])');
  });
});
