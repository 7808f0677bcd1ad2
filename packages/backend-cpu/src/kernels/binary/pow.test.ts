import { describe, expect, it } from 'vitest';
import { pow, powInt32 } from './pow.js';

describe('pow (torch.pow)', () => {
  it("follows C's pow where Math.pow differs", () => {
    expect(pow(1, Number.NaN)).toBe(1);
    expect(pow(1, Number.POSITIVE_INFINITY)).toBe(1);
    expect(pow(-1, Number.POSITIVE_INFINITY)).toBe(1);
    expect(pow(-1, Number.NEGATIVE_INFINITY)).toBe(1);
    expect(pow(Number.NaN, 0)).toBe(1);
    expect(pow(-8, 1 / 3)).toBeNaN();
    expect(pow(-0, -1)).toBe(Number.NEGATIVE_INFINITY);
  });

  it('int32 powers wrap as repeated int32 products (torch 1.13.1)', () => {
    expect(powInt32(5, 20)).toBe(1977800241);
    expect(powInt32(3, 63)).toBe(2111105451);
    expect(powInt32(2, 31)).toBe(-2147483648);
    expect(powInt32(2, 32)).toBe(0);
    expect(powInt32(-1, 1001)).toBe(-1);
    expect(powInt32(0, 0)).toBe(1);
  });
});
