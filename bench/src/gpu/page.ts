// The GPU benchmark's browser page (run.ts bundles it and opens it in headless Chromium): the
// workloads of workloads.ts on the 'gpu' device in gpu.js's webgl2 mode. The options come as
// JSON in `?options=`; the results, the mode and the WebGL renderer go to
// `globalThis.__nablaPageResult`.
import type { PageOutcome } from '@nabla/backend-gpu/browser-testing';
import { useGpu } from 'nabla';
import { type GpuResult, type GpuRunOptions, runGpuWorkloads } from './workloads.js';

/** What the page reports. */
export interface GpuPageResult {
  readonly mode: string;
  readonly renderer: string | null;
  readonly results: readonly GpuResult[];
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

function main(): GpuPageResult {
  const options = JSON.parse(
    new URLSearchParams(location.search).get('options') ?? '{}',
  ) as GpuRunOptions;
  const { mode } = useGpu({ mode: 'webgl2' });
  // the page reports progress on its console, which run.ts passes on
  const results = runGpuWorkloads('gpu', {
    ...options,
    onResult: (r) => console.log(`webgl2 ${JSON.stringify(r)}`),
  });
  return { mode, renderer: webgl2Renderer(), results };
}

// a moment for the page to finish loading before the long synchronous run
setTimeout(() => {
  let outcome: PageOutcome<GpuPageResult>;
  try {
    outcome = { result: main() };
  } catch (e) {
    outcome = { crashed: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  globalThis.__nablaPageResult = outcome;
}, 0);
