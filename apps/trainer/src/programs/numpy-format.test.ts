import { describe, expect, it } from 'vitest';
import { float32Str, npStr } from './numpy-format.js';

// expected strings: what NumPy 1.24 prints after np.set_printoptions(suppress=True, precision=4)
describe('NumPy printing', () => {
  it('prints float32 scalars as str(np.float32(x))', () => {
    expect(float32Str(1.8206830024719238)).toBe('1.820683');
    expect(float32Str(0.3675114)).toBe('0.3675114');
    expect(float32Str(2.2701947e-6)).toBe('2.2701947e-06');
    expect(float32Str(2)).toBe('2.0');
  });

  it('prints arrays with at most 4 decimals, aligned, trailing zeros as spaces', () => {
    expect(npStr([0.33861225843429565])).toBe('[0.3386]');
    expect(npStr([[2.9700334072113037, -5.3000168800354]])).toBe('[[ 2.97 -5.3 ]]');
    expect(npStr([24.0, 21.6, 34.7, 33.4, 36.2])).toBe('[24.  21.6 34.7 33.4 36.2]');
    expect(npStr([4.4, 7.0])).toBe('[4.4 7. ]');
    expect(
      npStr([
        [6.3, 4.7],
        [5.0, 1.6],
      ]),
    ).toBe('[[6.3 4.7]\n [5.  1.6]]');
  });
});
