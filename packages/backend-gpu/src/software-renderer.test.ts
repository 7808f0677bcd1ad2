import { describe, expect, it } from 'vitest';
import { isSoftwareRenderer } from './software-renderer.js';

describe('isSoftwareRenderer', () => {
  it.each([
    'SwiftShader',
    'Google SwiftShader',
    'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
    'SwiftShader Device (Subzero)',
    'llvmpipe (LLVM 15.0.6, 256 bits)',
    'Gallium 0.4 on llvmpipe (LLVM 3.4, 128 bits)',
    'Gallium 0.4 on softpipe',
    'softpipe',
    'Mesa DRI Intel(R) Software Rasterizer',
    'Software Rasterizer',
    'Mesa OffScreen',
    'Microsoft Basic Render Driver',
    'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)',
    'GDI Generic',
    'Apple Software Renderer',
    'Gallium 0.4 on SWR (OpenSWR)',
    'lavapipe',
  ])('recognises %s', (renderer) => {
    expect(isSoftwareRenderer(renderer)).toBe(true);
  });

  it('ignores letter case', () => {
    expect(isSoftwareRenderer('LLVMPIPE')).toBe(true);
    expect(isSoftwareRenderer('swiftSHADER device')).toBe(true);
  });

  it.each([
    'NVIDIA GeForce RTX 3080/PCIe/SSE2',
    'ANGLE (NVIDIA, NVIDIA GeForce GTX 1080 Direct3D11 vs_5_0 ps_5_0, D3D11)',
    'NVIDIA H100 80GB HBM3',
    'Mesa Intel(R) UHD Graphics 620 (KBL GT2)',
    'AMD Radeon RX 6800 XT (navi21, LLVM 15.0.7, DRM 3.49, 6.1.0-18-amd64)',
    'Apple M1',
    'WebKit WebGL',
    '',
  ])('does not flag %s', (renderer) => {
    expect(isSoftwareRenderer(renderer)).toBe(false);
  });
});
