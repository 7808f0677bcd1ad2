// What the device scripts share (device-matmul.mjs, device-conv.mjs): their operands, their
// kernels' settings, and the WebGPU setup: Dawn through
// the `webgpu` package beside gpu.js, as ../../shared/gpu-device/README.md describes, an
// adapter (refused when it is a software renderer unless NABLA_ALLOW_SOFTWARE=1), and
// navigator.gpu handing gpu.js that adapter. Environment: DAWN_FLAGS (comma-separated Dawn
// toggles), COMPAT=1 (a compatibility-level adapter), NABLA_ALLOW_SOFTWARE=1.
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * Sets up navigator.gpu for gpu.js's webgpu mode; `fail(message)` is called (and must not
 * return) when there is no usable adapter. `isSoftwareRenderer` is the package's own test.
 */
export async function setupWebGpu(fail, isSoftwareRenderer, hint = '') {
  // gpu.js pins webgpu 0.2.9 (glibc 2.38); the workspace overrides it with 0.6.2, beside gpu.js
  let webgpu;
  try {
    const gpujs = realpathSync(require.resolve('gpu.js'));
    webgpu = await import(pathToFileURL(createRequire(gpujs).resolve('webgpu')).href);
  } catch (e) {
    fail(`cannot load the webgpu package (Dawn for Node) beside gpu.js: ${e.message}`);
  }
  const { create, globals } = webgpu;
  Object.assign(globalThis, globals);
  const flags = (process.env.DAWN_FLAGS ?? '').split(',').filter(Boolean);
  const dawn = create(flags);
  const adapterOptions = process.env.COMPAT
    ? { featureLevel: 'compatibility' }
    : { powerPreference: 'high-performance' };
  const adapter = await dawn.requestAdapter(adapterOptions);
  if (!adapter) {
    fail(
      `no WebGPU adapter (Dawn flags [${flags.join(', ')}]): this machine has no GPU that Dawn ` +
        'can reach. On an NVIDIA machine, source .gpu-bundle/setup.sh first (the GLVND and Vulkan ' +
        `loader libraries, see shared/gpu-device/README.md)${hint}.`,
    );
  }
  const info = adapter.info ?? {};
  const name = [info.vendor, info.architecture, info.device, info.description]
    .filter(Boolean)
    .join(' ');
  console.log(JSON.stringify({ adapter: { ...info } }));
  if (isSoftwareRenderer(name) || /cpu|software/i.test(info.type ?? '')) {
    if (!process.env.NABLA_ALLOW_SOFTWARE) {
      fail(`the WebGPU adapter is a software renderer (${name}), not a GPU; nothing to measure`);
    }
    console.log(
      JSON.stringify({ warning: 'software adapter: a smoke test, the timings mean nothing' }),
    );
  }
  // gpu.js asks navigator.gpu for its adapter without options: give it the one chosen here
  globalThis.navigator = {
    gpu: {
      requestAdapter: async () => adapter,
      getPreferredCanvasFormat: () => 'rgba8unorm',
      wgslLanguageFeatures: dawn.wgslLanguageFeatures,
    },
  };
}

/** Deterministic float32 values in [-0.5, 0.5). */
export function values(n, seed) {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 32 - 0.5;
  }
  return out;
}

/** gpu.js settings of a timed kernel, as the backend compiles its own (`vec4`: `Array(4)` returns). */
export function kernelSettings(output, constants, vec4) {
  return {
    output,
    constants,
    pipeline: true,
    immutable: true,
    precision: 'single',
    tactic: 'precision',
    ...(vec4 ? { returnType: 'Array(4)' } : {}),
  };
}
