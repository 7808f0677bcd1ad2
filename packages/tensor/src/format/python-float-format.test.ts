import { describe, expect, it } from 'vitest';
import { formatExponential, formatFixed } from './python-float-format.js';

// Expected strings are what CPython 3.11 prints for '{:.Nf}' / '{:.Ne}'.
describe('formatFixed', () => {
  it.each([
    [1.03125, 4, '1.0312'], // exact tie: half to even, where toFixed gives 1.0313
    [1.09375, 4, '1.0938'],
    [2.5, 0, '2'],
    [3.5, 0, '4'],
    [-0.5, 0, '-0'],
    [-0, 4, '-0.0000'],
    [0, 0, '0'],
    [-0.00001, 4, '-0.0000'],
    [0.1, 20, '0.10000000000000000555'],
    [1e21, 1, '1000000000000000000000.0'],
    [5e-324, 3, '0.000'],
    [Number.NaN, 4, 'nan'],
    [Number.POSITIVE_INFINITY, 4, 'inf'],
    [Number.NEGATIVE_INFINITY, 0, '-inf'],
  ])('%s with %i decimals is %s', (x, precision, expected) => {
    expect(formatFixed(x, precision)).toBe(expected);
  });
});

describe('formatExponential', () => {
  it.each([
    [1e-5, 4, '1.0000e-05'],
    [100005, 4, '1.0000e+05'], // tie: half to even
    [123455, 4, '1.2346e+05'],
    [9.99994999, 4, '9.9999e+00'],
    [9.99995, 4, '1.0000e+01'], // rounds up to a new power of ten
    [0.000999995, 4, '1.0000e-03'],
    [0, 4, '0.0000e+00'],
    [-0, 2, '-0.00e+00'],
    [2.5, 0, '2e+00'],
    [1e100, 3, '1.000e+100'],
    [5e-324, 4, '4.9407e-324'],
    [-3.4028234663852886e38, 4, '-3.4028e+38'],
    [Number.NaN, 4, 'nan'],
    [Number.NEGATIVE_INFINITY, 4, '-inf'],
  ])('%s with %i decimals is %s', (x, precision, expected) => {
    expect(formatExponential(x, precision)).toBe(expected);
  });
});
