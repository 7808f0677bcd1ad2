import { runBackendConformance } from '@nabla/backend/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeWebGpu } from './browser-testing/index.js';
import { createGpuBackend, type GpuBackend } from './gpu-backend.js';

// The shared suite in gpu.js's webgpu mode, in Node through Dawn (the `webgpu` package): on a
// GPU's Vulkan driver where there is one, else on Mesa's llvmpipe through Dawn's OpenGL backend
// (see webgpu-node.test.util.ts). Without Mesa the suite is skipped locally; in CI it fails.
const found = await nodeWebGpu();
const missing = typeof found === 'string' ? found : null;
if (missing !== null) console.warn(`skipping the webgpu conformance suite: ${missing}`);

describe.skipIf(missing !== null)('gpu.js webgpu in Node', () => {
  let backend: GpuBackend | undefined;
  runBackendConformance('gpu.js webgpu', () => {
    backend = createGpuBackend({ mode: 'webgpu' });
    return backend;
  });

  describe('after the suite', () => {
    it('ran every kernel in webgpu (no gpu.js fallback to its cpu backend)', () => {
      expect(backend?.mode).toBe('webgpu');
      expect(backend?.kernels().fallbacks).toEqual([]);
    });
  });

  afterAll(async () => {
    await backend?.destroy();
  });
});
