import { describe, expect, it } from 'vitest';
import { GPU_MODES, parseMode } from './mode.js';

describe('parseMode', () => {
  it.each(GPU_MODES)('accepts %s', (mode) => {
    expect(parseMode(mode)).toBe(mode);
  });

  it('ignores letter case and surrounding spaces', () => {
    expect(parseMode('WebGPU')).toBe('webgpu');
    expect(parseMode('  webasm\n')).toBe('webasm');
  });

  it('rejects an unknown mode, naming it and every allowed mode', () => {
    expect(() => parseMode('cuda')).toThrow(
      "gpu mode must be one of 'webgpu', 'webgl2', 'webgl', 'headlessgl', 'webasm', 'cpu', got 'cuda'",
    );
  });

  it("rejects gpu.js's own auto, async and dev modes and the empty string", () => {
    for (const value of ['gpu', 'async', 'dev', '']) {
      expect(() => parseMode(value)).toThrow(`got '${value}'`);
    }
  });
});
