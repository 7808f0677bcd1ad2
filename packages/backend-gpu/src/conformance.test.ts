import { runBackendConformance } from '@nabla/backend/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createGpuBackend, type GpuBackend } from './gpu-backend.js';

// The shared suite every backend passes, in the two gpu.js modes that run in Node without a
// GPU. Each mode's backend is made once, so kernels compile once per shape across the suite.
for (const mode of ['webasm', 'cpu'] as const) {
  let backend: GpuBackend | undefined;
  runBackendConformance(`gpu.js ${mode}`, () => {
    backend = createGpuBackend({ mode });
    return backend;
  });

  describe(`gpu.js ${mode} after the suite`, () => {
    it('ran every kernel in the mode asked for (no gpu.js fallback to its cpu backend)', () => {
      expect(backend?.kernels().fallbacks).toEqual([]);
    });
  });

  afterAll(async () => {
    await backend?.destroy();
  });
}
