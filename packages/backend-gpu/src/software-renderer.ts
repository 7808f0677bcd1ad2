/**
 * Substrings (lower case) of the renderer or adapter names that software rasterizers report.
 * Each one runs "GPU" code on the CPU, slower than gpu.js's WebAssembly mode.
 */
const SOFTWARE_RENDERERS: readonly string[] = [
  // Google's Vulkan/GL rasterizer: Chrome's WebGL fallback, Dawn's WebGPU fallback adapter,
  // and ANGLE's "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) ...))".
  'swiftshader',
  // Mesa's Gallium software drivers: "llvmpipe (LLVM 15.0.6, 256 bits)", "Gallium 0.4 on
  // softpipe", the OpenSWR rasterizer, and lavapipe, the Vulkan driver built on llvmpipe.
  'llvmpipe',
  'softpipe',
  'openswr',
  'lavapipe',
  // Mesa's classic software driver ("Software Rasterizer") and the off-screen one (OSMesa).
  'software rasterizer',
  'mesa offscreen',
  // Windows: WARP behind Direct3D ("Microsoft Basic Render Driver") and GDI's OpenGL 1.1.
  'microsoft basic render driver',
  'gdi generic',
  // macOS's CPU renderer.
  'apple software renderer',
  // A WebGPU adapter that says it runs on the CPU (`isFallbackAdapter`), as probeWebGpu names it.
  '(fallback adapter)',
];

/**
 * Tells whether a GL renderer string or WebGPU adapter description names a software renderer
 * (SwiftShader, llvmpipe, softpipe, Mesa's "Software Rasterizer", WARP, ...). Case is ignored.
 *
 * The string is what `gl.getParameter(UNMASKED_RENDERER_WEBGL)` or `GL_RENDERER` returns, or a
 * WebGPU adapter's `info.device` / `info.description`. An empty or unknown string is not
 * reported as software.
 *
 * No PyTorch equivalent: it plays the part of `torch.cuda.is_available()` in deciding whether the
 * accelerator is worth using.
 *
 * @example
 * ```ts
 * isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)'); // true
 * isSoftwareRenderer('NVIDIA GeForce RTX 3080/PCIe/SSE2'); // false
 * ```
 */
export function isSoftwareRenderer(renderer: string): boolean {
  const name = renderer.toLowerCase();
  return SOFTWARE_RENDERERS.some((s) => name.includes(s));
}
