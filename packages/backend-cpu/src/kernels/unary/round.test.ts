import { describe, expect, it } from 'vitest';
import { round } from './round.js';

describe('round (torch.round: halves to even)', () => {
  it('rounds halves to the even neighbour, both signs', () => {
    const xs = [-3.5, -2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, 4.5];
    expect(xs.map(round)).toEqual([-4, -2, -2, -0, 0, 2, 2, 4, 4]);
  });

  it('rounds everything else to the nearest integer', () => {
    expect([-1.7, -1.2, 0.49999997, 1.2, 1.7, 8388607.5].map(round)).toEqual([
      -2, -1, 0, 1, 2, 8388608,
    ]);
  });

  it('keeps NaN, ±inf, -0 and large float32 values', () => {
    expect(round(Number.NaN)).toBeNaN();
    expect(round(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(round(Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
    expect(Object.is(round(-0), -0)).toBe(true);
    expect(round(16777216)).toBe(16777216);
  });
});
