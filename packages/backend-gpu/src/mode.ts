/**
 * The gpu.js modes Nabla can run its GPU kernels in (gpu.js 2.24's `mode` option):
 * `webgpu` (kernel calls return Promises), `webgl2` and `webgl` (browsers), `headlessgl`
 * (WebGL 1 in Node through the `gl` package), `webasm` (WebAssembly SIMD on the CPU) and `cpu`
 * (plain JavaScript). gpu.js's own `gpu` (auto), `async` and `dev` modes are left out: Nabla
 * picks the mode itself with {@link chooseAutoMode}, because gpu.js's auto order depends on
 * whether an X display exists and never considers whether the GL renderer is software.
 */
export type GpuMode = 'webgl2' | 'webgl' | 'webgpu' | 'webasm' | 'headlessgl' | 'cpu';

/** Every {@link GpuMode}, in the order {@link chooseAutoMode} prefers them on real hardware. */
export const GPU_MODES: readonly GpuMode[] = [
  'webgpu',
  'webgl2',
  'webgl',
  'headlessgl',
  'webasm',
  'cpu',
];

/** The modes that draw through a GPU driver, and so may be a software renderer in disguise. */
export const DRIVER_MODES: readonly GpuMode[] = ['webgpu', 'webgl2', 'webgl', 'headlessgl'];

/**
 * Checks a mode a user typed (an option, an environment variable) and returns it as a
 * {@link GpuMode}. Surrounding spaces and letter case are ignored.
 *
 * Plays the part of PyTorch's `torch.device(str)`, which rejects an unknown device type and
 * lists the ones it expected.
 *
 * @throws Error naming the value and every allowed mode.
 *
 * @example
 * ```ts
 * parseMode('WebGPU'); // 'webgpu'
 * parseMode('cuda');   // throws: gpu mode must be one of 'webgpu', 'webgl2', ..., got 'cuda'
 * ```
 */
export function parseMode(value: string): GpuMode {
  const mode = value.trim().toLowerCase();
  const known = GPU_MODES.find((m) => m === mode);
  if (known === undefined) {
    const allowed = GPU_MODES.map((m) => `'${m}'`).join(', ');
    throw new Error(`gpu mode must be one of ${allowed}, got '${value}'`);
  }
  return known;
}
