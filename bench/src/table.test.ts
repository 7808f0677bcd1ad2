import { describe, expect, it } from 'vitest';
import { formatRate, formatRatio, formatSeconds, renderTable, sig } from './table.js';

describe('number formatting', () => {
  it('keeps 3 significant digits', () => {
    expect(sig(0.012345)).toBe('0.0123');
    expect(sig(1.5)).toBe('1.50');
    expect(sig(123.4)).toBe('123');
    expect(sig(1234.5)).toBe('1235');
    expect(sig(0)).toBe('0');
    expect(sig(0.99996)).toBe('1.00');
    expect(sig(9.9996)).toBe('10.0');
    expect(sig(99.96)).toBe('100');
  });

  it('picks the time unit that gives 1 to 999 of it', () => {
    expect(formatSeconds(8.1234)).toBe('8.12 s');
    expect(formatSeconds(0.41)).toBe('410 ms');
    expect(formatSeconds(0.0012)).toBe('1.20 ms');
    expect(formatSeconds(1.5e-6)).toBe('1.50 µs');
    expect(formatSeconds(8.7e-7)).toBe('870 ns');
    expect(formatSeconds(0.99996)).toBe('1.00 s');
    expect(formatSeconds(Number.NaN)).toBe('—');
  });

  it('formats ratios and rates', () => {
    expect(formatRatio(19.83)).toBe('19.8x');
    expect(formatRatio(1.234)).toBe('1.2x');
    expect(formatRatio(9.97)).toBe('9.97x');
    expect(formatRatio(10.04)).toBe('10.0x');
    expect(formatRatio(0.4567)).toBe('0.46x');
    expect(formatRatio(Number.POSITIVE_INFINITY)).toBe('—');
    expect(formatRate(27.94)).toBe('27.9');
    expect(formatRate(815.2)).toBe('815');
    expect(formatRate(12345.6)).toBe('12346');
  });
});

describe('renderTable', () => {
  it('pads columns: the first left-aligned, the others right-aligned', () => {
    const t = renderTable(
      ['workload', 'time'],
      [
        ['matmul N=128', '1.0 ms'],
        ['MLP', '10.5 s'],
      ],
    );
    expect(t.split('\n')).toEqual([
      '| workload     |   time |',
      '| ------------ | -----: |',
      '| matmul N=128 | 1.0 ms |',
      '| MLP          | 10.5 s |',
    ]);
  });

  it('counts µs as one character wide', () => {
    const t = renderTable(['a', 'b'], [['x', '1.5 µs']]);
    const [head, , row] = t.split('\n');
    expect([...head!].length).toBe([...row!].length);
  });

  it('rejects a row of the wrong width', () => {
    expect(() => renderTable(['a', 'b'], [['only one']])).toThrow(/1 cells, headers 2/);
  });
});
