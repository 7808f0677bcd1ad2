// The browser page of the conformance test: registers the shared backend conformance suite on
// this package's backend in the gpu.js mode named by `?mode=` (webgl2 by default), runs it with
// the stand-in runner and leaves the report in `globalThis.__nablaPageResult` (runPage of
// ../browser-testing reads it).
import { runBackendConformance } from '@nabla/backend/testing';
import type { PageOutcome } from '../browser-testing/index.js';
import { createGpuBackend, type GpuBackend } from '../gpu-backend.js';
import { parseMode } from '../mode.js';
import { type RunReport, runTests } from './runner.test.util.js';

/** What the page reports. */
export interface PageReport extends RunReport {
  readonly mode: string;
  /** The WebGL renderer (UNMASKED_RENDERER_WEBGL), or null without WebGL2. */
  readonly renderer: string | null;
  /** Kernels gpu.js ran on its cpu backend instead of the mode asked for. */
  readonly fallbacks: readonly unknown[];
  readonly kernels: number;
  readonly ms: number;
}

// The few DOM globals the page uses (the package compiles without the DOM library).
interface WebGLLike {
  readonly RENDERER: number;
  getExtension(name: string): { readonly UNMASKED_RENDERER_WEBGL: number } | null;
  getParameter(name: number): unknown;
}
declare const document: {
  createElement(tag: 'canvas'): { getContext(kind: 'webgl2'): WebGLLike | null };
};
declare const location: { readonly search: string };

function webgl2Renderer(): string | null {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (gl === null) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

async function main(): Promise<void> {
  const mode = parseMode(new URLSearchParams(location.search).get('mode') ?? 'webgl2');
  let backend: GpuBackend | undefined;
  runBackendConformance(`gpu.js ${mode}`, () => {
    backend = createGpuBackend({ mode });
    return backend;
  });
  const start = performance.now();
  const report = await runTests((r) => {
    if (r.status === 'fail') console.error(`FAIL ${r.name}\n${r.error}`);
  });
  const stats = backend?.kernels();
  const result: PageReport = {
    ...report,
    mode,
    renderer: webgl2Renderer(),
    fallbacks: stats?.fallbacks ?? [],
    kernels: stats?.compiled ?? 0,
    ms: performance.now() - start,
  };
  const outcome: PageOutcome<PageReport> = { result };
  globalThis.__nablaPageResult = outcome;
  await backend?.destroy();
}

main().catch((e: unknown) => {
  globalThis.__nablaPageResult = {
    crashed: e instanceof Error ? (e.stack ?? e.message) : String(e),
  };
});
