import { describe, expect, it } from 'vitest';
import { callsPerSample, matmulGflops, median, summarize, timeCalls } from './stats.js';

describe('median and summarize', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5])).toBe(5);
    expect(median([])).toBeNaN();
  });

  it('does not reorder its input', () => {
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });

  it('gives min, median, max and count', () => {
    expect(summarize([0.3, 0.1, 0.2, 0.5])).toEqual({ min: 0.1, median: 0.25, max: 0.5, n: 4 });
    expect(summarize([]).n).toBe(0);
  });
});

describe('timeCalls', () => {
  it('warms up, then takes reps samples of enough calls to fill minTime', () => {
    // a fake clock: each call takes exactly 2 ms (a real one makes the test depend on the load)
    let t = 0;
    let calls = 0;
    const busy = () => {
      calls++;
      t += 0.002;
    };
    const samples = timeCalls(busy, { warmup: 2, reps: 3, minTime: 0.01, clock: () => t });
    // 10 ms a sample of 2 ms calls: 5 calls a sample, after the 2 warm-up calls
    expect(calls).toBe(2 + 3 * 5);
    expect(samples).toHaveLength(3);
    for (const s of samples) expect(s).toBeCloseTo(0.002, 12);
  });

  it('runs one call a sample without warm-up', () => {
    let calls = 0;
    const samples = timeCalls(() => calls++, { warmup: 0, reps: 4, minTime: 1 });
    expect(samples).toHaveLength(4);
    expect(calls).toBe(4);
  });

  it('takes fewer samples when they would not fit maxTotal, but at least minReps', () => {
    let t = 0;
    const slow = () => {
      t += 0.005; // 5 ms a call, on a fake clock
    };
    const clock = () => t;
    const options = { warmup: 1, reps: 10, minTime: 0, maxTotal: 0.001, clock };
    expect(timeCalls(slow, options)).toHaveLength(3);
    expect(timeCalls(slow, { ...options, minReps: 1 })).toHaveLength(1);
  });
});

describe('callsPerSample and matmulGflops', () => {
  it('sizes samples from one call', () => {
    expect(callsPerSample(0.01, 0.2)).toBe(20);
    expect(callsPerSample(0.5, 0.2)).toBe(1);
    expect(callsPerSample(Number.POSITIVE_INFINITY, 0.2)).toBe(1);
    expect(callsPerSample(0, 0.2)).toBe(1);
  });

  it('counts 2 n^3 operations per product', () => {
    expect(matmulGflops(1000, 0.1)).toBeCloseTo(20, 10);
  });
});
