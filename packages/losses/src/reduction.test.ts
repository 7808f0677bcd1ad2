import { afterEach, describe, expect, it, vi } from 'vitest';
import { legacyReduction, parseReduction, REDUCTIONS } from './reduction.js';

describe('parseReduction', () => {
  it.each(REDUCTIONS)('accepts %s', (reduction) => {
    expect(parseReduction(reduction, 'mse_loss')).toBe(reduction);
  });

  it('rejects anything else, naming the op and the value', () => {
    expect(() => parseReduction('avg', 'mse_loss')).toThrow(
      "mse_loss: reduction must be 'none', 'mean' or 'sum', got 'avg'",
    );
    expect(() => parseReduction('Mean', 'CrossEntropyLoss')).toThrow(
      "CrossEntropyLoss: reduction must be 'none', 'mean' or 'sum', got 'Mean'",
    );
  });

  it("rejects PyTorch's deprecated 'elementwise_mean' and the empty string", () => {
    expect(() => parseReduction('elementwise_mean', 'l1_loss')).toThrow("got 'elementwise_mean'");
    expect(() => parseReduction('', 'l1_loss')).toThrow("got ''");
  });
});

describe('legacyReduction', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  // Each row is what torch.nn._reduction.legacy_get_string(size_average, reduce) returned
  // in Debian's python3-torch 1.13.1, with None written as undefined.
  it.each([
    [undefined, undefined, 'mean'],
    [undefined, true, 'mean'],
    [undefined, false, 'none'],
    [true, undefined, 'mean'],
    [true, true, 'mean'],
    [true, false, 'none'],
    [false, undefined, 'sum'],
    [false, true, 'sum'],
    [false, false, 'none'],
  ] as const)('size_average=%s, reduce=%s gives %s', (sizeAverage, reduce, expected) => {
    expect(legacyReduction(sizeAverage, reduce, false)).toBe(expected);
  });

  it('warns that the flags are deprecated, as PyTorch does', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // torch.nn.MSELoss(size_average=False) warns this and sets reduction to 'sum'
    expect(legacyReduction(false)).toBe('sum');
    expect(warn).toHaveBeenCalledOnce();
    expect(warn).toHaveBeenCalledWith(
      "size_average and reduce args will be deprecated, please use reduction='sum' instead.",
    );
  });

  it('stays quiet when emitWarning is false', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    legacyReduction(true, false, false);
    expect(warn).not.toHaveBeenCalled();
  });
});
