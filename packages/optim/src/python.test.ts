import { describe, expect, it } from 'vitest';
import { pythonFloat, pythonName, pythonStr, tsName } from './python.js';

describe('pythonFloat is Python repr(float)', () => {
  it.each([
    [0.001, '0.001'],
    [1e-8, '1e-08'],
    [1e-5, '1e-05'],
    [0.0001, '0.0001'],
    [0.30000000000000004, '0.30000000000000004'],
    [0.0040000000000000036, '0.0040000000000000036'],
    [2.5e-7, '2.5e-07'],
    [25, '25.0'],
    [12345678.5, '12345678.5'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e+16'],
    [1.5e300, '1.5e+300'],
    [-0.1, '-0.1'],
    [5e-324, '5e-324'],
    [Number.NaN, 'nan'],
    [Number.POSITIVE_INFINITY, 'inf'],
    [-0, '-0.0'],
  ])('%s -> %s', (x, text) => {
    expect(pythonFloat(x)).toBe(text);
  });
});

describe('pythonStr is str() of an option value', () => {
  it('prints whole numbers as ints, booleans, None and tuples as Python does', () => {
    expect(pythonStr(0)).toBe('0');
    expect(pythonStr(0.9)).toBe('0.9');
    expect(pythonStr(true)).toBe('True');
    expect(pythonStr(null)).toBe('None');
    expect(pythonStr([0.9, 0.999])).toBe('(0.9, 0.999)');
    expect(pythonStr([1e-8])).toBe('(1e-08,)');
    expect(pythonStr('min')).toBe('min');
  });
});

describe('names', () => {
  it('convert between camelCase and PyTorch snake_case', () => {
    expect(pythonName('weightDecay')).toBe('weight_decay');
    expect(pythonName('initialAccumulatorValue')).toBe('initial_accumulator_value');
    expect(pythonName('tMax')).toBe('T_max');
    expect(pythonName('lr')).toBe('lr');
    expect(tsName('max_exp_avg_sq')).toBe('maxExpAvgSq');
    expect(tsName('T_max')).toBe('tMax');
    expect(tsName('momentum_buffer')).toBe('momentumBuffer');
  });
});
