import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { inCi } from './chromium.js';

/** What the adapter gpu.js will get reports about itself (WebGPU's `GPUAdapterInfo`). */
export interface AdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
}

/** A WebGPU implementation installed as `navigator.gpu`, and how it was reached. */
export interface NodeWebGpu {
  /** `'default'`: Dawn's own choice (Vulkan on Linux); `'opengl'`: Dawn on EGL, compatibility mode. */
  backend: 'default' | 'opengl';
  info: AdapterInfo;
}

/** The parts of the `webgpu` package (Dawn's `dawn.node`) used here. */
interface WebGpuPackage {
  create(options: string[]): NavigatorGpu;
  globals: Record<string, unknown>;
}

interface Adapter {
  readonly info: AdapterInfo;
}

interface NavigatorGpu {
  requestAdapter(options?: Record<string, unknown>): Promise<Adapter | null>;
  getPreferredCanvasFormat(): string;
}

/** Installs `gpu` as `globalThis.navigator.gpu`, where gpu.js looks for WebGPU. */
function installNavigator(gpu: NavigatorGpu): void {
  Object.defineProperty(globalThis, 'navigator', {
    value: { gpu },
    configurable: true,
    writable: true,
  });
}

const infoOf = (adapter: Adapter): AdapterInfo => ({
  vendor: adapter.info.vendor,
  architecture: adapter.info.architecture,
  device: adapter.info.device,
  description: adapter.info.description,
});

let installed: Promise<NodeWebGpu | string> | undefined;

/**
 * Gives gpu.js a WebGPU adapter in Node, through the `webgpu` package (Dawn) that gpu.js depends
 * on: Dawn's default backend (Vulkan on Linux: a GPU driver, or Mesa's lavapipe where it has
 * what Dawn needs), else Dawn's OpenGL backend on EGL without a display (`EGL_PLATFORM`
 * `surfaceless`) in WebGPU's compatibility mode, which runs on Mesa's llvmpipe (Debian 12's
 * lavapipe, Mesa 22.3, lacks the dynamic array indexing Dawn's Vulkan backend requires).
 *
 * Resolves to the adapter, or to why there is none. In CI (`CI` set) a missing adapter is an
 * error, not a reason to skip: `.ci/run` installs Mesa (scripts/install-vulkan.sh) first.
 *
 * @example
 * const found = await nodeWebGpu();
 * if (typeof found === 'string') console.warn(`skipping: ${found}`);
 * else createGpuBackend({ mode: 'webgpu' }); // found.info.device: 'llvmpipe-llvm-15-0-6-256-bits-'
 */
export function nodeWebGpu(): Promise<NodeWebGpu | string> {
  installed ??= install();
  return installed.then((found) => {
    if (typeof found === 'string' && inCi()) {
      throw new Error(`${found}; CI must run the webgpu tests`);
    }
    return found;
  });
}

async function install(): Promise<NodeWebGpu | string> {
  const require = createRequire(import.meta.url);
  let pkg: WebGpuPackage;
  try {
    // gpu.js's own dependency (the workspace pins it to 0.6.2, which loads on glibc 2.36)
    const fromGpuJs = createRequire(require.resolve('gpu.js'));
    pkg = (await import(pathToFileURL(fromGpuJs.resolve('webgpu')).href)) as WebGpuPackage;
  } catch (e) {
    return `the webgpu package (Dawn) does not load: ${(e as Error).message}`;
  }
  Object.assign(globalThis, pkg.globals);
  // EGL without a display, for Dawn's OpenGL backend (read when Dawn first looks for adapters)
  process.env.EGL_PLATFORM ??= 'surfaceless';

  const dawn = pkg.create([]);
  const adapter = await dawn.requestAdapter();
  if (adapter !== null) {
    installNavigator(dawn);
    return { backend: 'default', info: infoOf(adapter) };
  }

  const gl = pkg.create(['backend=opengl']);
  const compat = { featureLevel: 'compatibility' };
  const glAdapter = await gl.requestAdapter(compat);
  if (glAdapter === null) {
    return (
      'no WebGPU adapter: Dawn found neither a Vulkan driver nor OpenGL through EGL; install ' +
      "Mesa's drivers with scripts/install-vulkan.sh"
    );
  }
  // gpu.js asks for an adapter without options: ask for a compatibility-mode one on its behalf
  installNavigator({
    requestAdapter: (options) => gl.requestAdapter({ ...compat, ...options }),
    getPreferredCanvasFormat: () => gl.getPreferredCanvasFormat(),
  });
  return { backend: 'opengl', info: infoOf(glAdapter) };
}
