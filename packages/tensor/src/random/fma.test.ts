import { describe, expect, it } from 'vitest';
import { fmaf } from './fma.js';

describe('fmaf', () => {
  it('rounds a * b + c once', () => {
    const e = 2 ** -23; // float32 epsilon
    // (1 + e)^2 + (-1 - 2e) = e^2: lost entirely when a * b is rounded first
    expect(fmaf(1 + e, 1 + e, -1 - 2 * e)).toBe(e * e);
    expect(Math.fround(Math.fround((1 + e) * (1 + e)) - 1 - 2 * e)).toBe(0);
  });

  it('breaks a float64 tie with the part of c that float64 dropped', () => {
    // 97 * (172961 / 2^24) = 1 + 2^-24, the midpoint of the float32s 1 and 1 + 2^-23
    const a = 97;
    const b = 172961 * 2 ** -24;
    expect(fmaf(a, b, 0)).toBe(1); // an exact tie goes to even
    expect(fmaf(a, b, 2 ** -80)).toBe(1 + 2 ** -23); // just above the midpoint
    expect(fmaf(a, b, -(2 ** -80))).toBe(1); // just below
    expect(fmaf(-a, b, -(2 ** -80))).toBe(-1 - 2 ** -23);
  });
});
