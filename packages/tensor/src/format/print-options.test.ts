import { afterEach, describe, expect, it } from 'vitest';
import { getPrintoptions, resetPrintoptions, setPrintoptions } from './print-options.js';

afterEach(() => resetPrintoptions());

describe('setPrintoptions', () => {
  it('starts at the torch defaults', () => {
    expect(getPrintoptions()).toEqual({
      precision: 4,
      threshold: 1000,
      edgeitems: 3,
      linewidth: 80,
      sciMode: null,
    });
  });

  it('changes only the options given', () => {
    setPrintoptions({ precision: 2, linewidth: 120 });
    expect(getPrintoptions()).toMatchObject({
      precision: 2,
      linewidth: 120,
      threshold: 1000,
      edgeitems: 3,
    });
  });

  it('resets sciMode when it is not given, as torch does', () => {
    setPrintoptions({ sciMode: true });
    expect(getPrintoptions().sciMode).toBe(true);
    setPrintoptions({ precision: 3 });
    expect(getPrintoptions().sciMode).toBeNull();
  });

  it('applies a profile first, then the other options', () => {
    setPrintoptions({ profile: 'short', edgeitems: 5 });
    expect(getPrintoptions()).toMatchObject({ precision: 2, edgeitems: 5, threshold: 1000 });
    setPrintoptions({ profile: 'full' });
    expect(getPrintoptions()).toMatchObject({
      precision: 4,
      edgeitems: 3,
      threshold: Number.POSITIVE_INFINITY,
    });
  });

  it('rejects bad values and keeps the old ones', () => {
    expect(() => setPrintoptions({ linewidth: 1.5 })).toThrow(
      'setPrintoptions: linewidth must be a non-negative integer, got 1.5',
    );
    expect(getPrintoptions().linewidth).toBe(80);
  });

  it('resetPrintoptions restores the defaults', () => {
    setPrintoptions({ profile: 'short', sciMode: false });
    resetPrintoptions();
    expect(getPrintoptions()).toEqual({
      precision: 4,
      threshold: 1000,
      edgeitems: 3,
      linewidth: 80,
      sciMode: null,
    });
  });
});
