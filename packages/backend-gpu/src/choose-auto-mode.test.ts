import { describe, expect, it } from 'vitest';
import { chooseAutoMode } from './choose-auto-mode.js';

const LLVMPIPE = 'llvmpipe (LLVM 15.0.6, 256 bits)';
const SWIFTSHADER =
  'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)';
const NVIDIA = 'NVIDIA H100 80GB HBM3';

describe('chooseAutoMode', () => {
  it('prefers a hardware GPU over webasm and cpu', () => {
    const choice = chooseAutoMode([
      { mode: 'cpu' },
      { mode: 'webasm' },
      { mode: 'webgpu', renderer: NVIDIA },
    ]);
    expect(choice).toEqual({ mode: 'webgpu', reason: `webgpu: hardware GPU ('${NVIDIA}')` });
  });

  it('ranks hardware webgpu, webgl2, webgl, headlessgl in that order', () => {
    const gpu = (mode: 'webgpu' | 'webgl2' | 'webgl' | 'headlessgl') => ({
      mode,
      renderer: NVIDIA,
    });
    expect(chooseAutoMode([gpu('headlessgl'), gpu('webgl'), gpu('webgl2')]).mode).toBe('webgl2');
    expect(chooseAutoMode([gpu('webgl'), gpu('webgl2'), gpu('webgpu')]).mode).toBe('webgpu');
    expect(chooseAutoMode([gpu('headlessgl'), gpu('webgl')]).mode).toBe('webgl');
    expect(chooseAutoMode([{ mode: 'webasm' }, gpu('headlessgl')]).mode).toBe('headlessgl');
  });

  it('prefers webasm over a software-rendered GL or WebGPU', () => {
    const choice = chooseAutoMode([
      { mode: 'headlessgl', renderer: LLVMPIPE },
      { mode: 'webgpu', renderer: 'SwiftShader Device (Subzero)' },
      { mode: 'webasm' },
      { mode: 'cpu' },
    ]);
    expect(choice).toEqual({
      mode: 'webasm',
      reason:
        `webasm: no hardware GPU; headlessgl renders with software ('${LLVMPIPE}'); ` +
        "webgpu renders with software ('SwiftShader Device (Subzero)')",
    });
  });

  it('takes a hardware GPU even when a software one is listed first', () => {
    const choice = chooseAutoMode([
      { mode: 'webgpu', renderer: SWIFTSHADER },
      { mode: 'webgl', renderer: 'Mesa Intel(R) UHD Graphics 620 (KBL GT2)' },
      { mode: 'webasm' },
    ]);
    expect(choice.mode).toBe('webgl');
  });

  it('prefers cpu over a software renderer when webasm is missing', () => {
    const choice = chooseAutoMode([{ mode: 'webgl2', renderer: SWIFTSHADER }, { mode: 'cpu' }]);
    expect(choice.mode).toBe('cpu');
    expect(choice.reason).toBe(
      `cpu: no hardware GPU; webgl2 renders with software ('${SWIFTSHADER}')`,
    );
  });

  it('counts a driver mode without a renderer name as hardware', () => {
    expect(chooseAutoMode([{ mode: 'webasm' }, { mode: 'webgl2' }])).toEqual({
      mode: 'webgl2',
      reason: 'webgl2: hardware GPU (renderer not reported)',
    });
  });

  it('ignores a renderer given for webasm or cpu', () => {
    expect(chooseAutoMode([{ mode: 'webasm', renderer: 'llvmpipe' }]).mode).toBe('webasm');
  });

  it('says why when only CPU modes are available', () => {
    expect(chooseAutoMode([{ mode: 'cpu' }, { mode: 'webasm' }])).toEqual({
      mode: 'webasm',
      reason: 'webasm: no hardware GPU; no GPU mode available',
    });
  });

  it('falls back to cpu when nothing usable is reported', () => {
    expect(chooseAutoMode([])).toEqual({
      mode: 'cpu',
      reason:
        'cpu: no hardware GPU; no GPU mode available, and no CPU mode reported: gpu.js can always run cpu',
    });
    expect(chooseAutoMode([{ mode: 'headlessgl', renderer: 'softpipe' }]).mode).toBe('cpu');
  });
});
