import { describe, expect, it } from 'vitest';
import { describeMachine, parseCpuinfo } from './machine.js';
import { PREFIX, parseLine, seededLabels, seededNormals } from './protocol.js';

describe('parseCpuinfo', () => {
  it('reads the model, the processor count and the flags', () => {
    const text = [
      'processor\t: 0',
      'model name\t: AMD EPYC 9R45: 2 cores',
      'flags\t\t: fpu avx2 fma avx512f',
      '',
      'processor\t: 1',
      'model name\t: AMD EPYC 9R45: 2 cores',
      'flags\t\t: fpu avx2 fma avx512f',
    ].join('\n');
    expect(parseCpuinfo(text)).toEqual({
      model: 'AMD EPYC 9R45: 2 cores',
      processors: 2,
      flags: ['fpu', 'avx2', 'fma', 'avx512f'],
    });
  });

  it('describes this machine', () => {
    const m = describeMachine();
    expect(m.processors).toBeGreaterThan(0);
    expect(m.node).toBe(process.version);
    expect(m.load).toHaveLength(3);
  });
});

describe('protocol', () => {
  it('reads only prefixed JSON lines', () => {
    expect(parseLine(`${PREFIX}{"id":3,"samples":[1]}`)).toEqual({ id: 3, samples: [1] });
    expect(parseLine('Hi, looks like you are running TensorFlow.js in Node.js')).toBeNull();
    expect(parseLine(`${PREFIX}not json`)).toBeNull();
  });

  it('makes the same synthetic data for the same seed', () => {
    const a = seededNormals(10_001, 7);
    expect(seededNormals(10_001, 7)).toEqual(a);
    const mean = a.reduce((s, x) => s + x, 0) / a.length;
    const variance = a.reduce((s, x) => s + (x - mean) ** 2, 0) / a.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(variance).toBeGreaterThan(0.9);
    expect(variance).toBeLessThan(1.1);
    const labels = seededLabels(1000, 10, 3);
    expect(Math.min(...labels)).toBe(0);
    expect(Math.max(...labels)).toBe(9);
  });
});
