import { GPU, HeadlessGLKernel, WebGL2Kernel, WebGLKernel } from 'gpu.js';
import type { AvailableMode } from './choose-auto-mode.js';
import type { GpuMode } from './mode.js';

/** The parts of a WebGL context that name its renderer. */
interface RendererQuery {
  readonly RENDERER: number;
  getExtension(name: string): { readonly UNMASKED_RENDERER_WEBGL: number } | null;
  getParameter(name: number): unknown;
}

/** The GL kernels of gpu.js, whose static `isSupported` / `testContext` probe a mode. */
interface GlProbe {
  readonly isSupported: boolean;
  readonly testContext: unknown;
}

const GL_PROBES: readonly [GpuMode, GlProbe][] = [
  ['webgl2', WebGL2Kernel as unknown as GlProbe],
  ['webgl', WebGLKernel as unknown as GlProbe],
  ['headlessgl', HeadlessGLKernel as unknown as GlProbe],
];

/** The renderer a GL context reports, unmasked where the browser allows. */
export function rendererOf(context: unknown): string | undefined {
  const gl = context as Partial<RendererQuery> | null;
  if (!gl || typeof gl.getParameter !== 'function') return undefined;
  try {
    const info = gl.getExtension?.('WEBGL_debug_renderer_info');
    const name = gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : (gl.RENDERER as number));
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The gpu.js modes that work here, with their renderer names, found synchronously: the GL
 * modes through gpu.js's own test contexts, `webasm` through `GPU.isWebAssemblySupported`,
 * and `cpu`, which always works. `webgpu` is not probed here: asking for a WebGPU adapter is
 * asynchronous (see {@link probeWebGpu}), so `createGpuBackend({ mode: 'auto' })` never takes it;
 * ask for it by name.
 *
 * @example
 * ```ts
 * probeModes(); // in Node without a GPU: [{ mode: 'webasm' }, { mode: 'cpu' }]
 * ```
 */
export function probeModes(): AvailableMode[] {
  const found: AvailableMode[] = [];
  for (const [mode, probe] of GL_PROBES) {
    let supported = false;
    try {
      supported = probe.isSupported;
    } catch {
      supported = false;
    }
    if (!supported) continue;
    const renderer = rendererOf(probe.testContext);
    found.push(renderer === undefined ? { mode } : { mode, renderer });
  }
  if (GPU.isWebAssemblySupported) found.push({ mode: 'webasm' });
  found.push({ mode: 'cpu' });
  return found;
}

/** The parts of `navigator.gpu` and its adapter that name the device. */
interface WebGpuQuery {
  requestAdapter(): Promise<{
    readonly info?: {
      vendor?: string;
      architecture?: string;
      device?: string;
      description?: string;
    };
    readonly isFallbackAdapter?: boolean;
  } | null>;
}

/**
 * The `webgpu` mode, if `navigator.gpu` gives an adapter here, with the adapter's name as its
 * renderer: `info.description` and `info.device` (Dawn on Mesa: `'llvmpipe-llvm-15-0-6-256-bits-'`,
 * Dawn's fallback: `'swiftshader-device-subzero-'`), marked `(fallback adapter)` where the
 * adapter says it is one (a CPU implementation), so that {@link chooseAutoMode} passes over a
 * software adapter. Asks as gpu.js does (no options). Undefined where there is no WebGPU or no
 * adapter.
 *
 * @example
 * ```ts
 * const webgpu = await probeWebGpu();
 * chooseAutoMode(webgpu ? [webgpu, ...probeModes()] : probeModes());
 * ```
 */
export async function probeWebGpu(): Promise<AvailableMode | undefined> {
  const gpu = (globalThis as { navigator?: { gpu?: WebGpuQuery } }).navigator?.gpu;
  if (gpu === undefined) return undefined;
  let adapter: Awaited<ReturnType<WebGpuQuery['requestAdapter']>>;
  try {
    adapter = await gpu.requestAdapter();
  } catch {
    return undefined;
  }
  if (adapter === null) return undefined;
  const info = adapter.info ?? {};
  const names = [info.description, info.device, info.vendor].filter(
    (n) => n !== undefined && n !== '',
  );
  const fallback =
    adapter.isFallbackAdapter === true ||
    (info as { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
  if (fallback) names.push('(fallback adapter)');
  return names.length > 0 ? { mode: 'webgpu', renderer: names.join(' ') } : { mode: 'webgpu' };
}
