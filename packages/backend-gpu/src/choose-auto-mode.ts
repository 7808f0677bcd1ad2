import { DRIVER_MODES, GPU_MODES, type GpuMode } from './mode.js';
import { isSoftwareRenderer } from './software-renderer.js';

/** A mode that was found to work here, with the renderer or adapter name it reported. */
export interface AvailableMode {
  mode: GpuMode;
  /** `GL_RENDERER` (unmasked where possible) or the WebGPU adapter's device name. */
  renderer?: string;
}

/** The mode {@link chooseAutoMode} picked, and why, in words fit for a log line. */
export interface ModeChoice {
  mode: GpuMode;
  reason: string;
}

/**
 * Picks the fastest gpu.js mode among those that work here:
 *
 * 1. a hardware GPU: `webgpu`, then `webgl2`, `webgl`, `headlessgl`;
 * 2. `webasm` (WebAssembly SIMD, about 1.8 GFLOPS on a naive matmul on a 2-core machine);
 * 3. `cpu` (plain JavaScript, about 0.7 GFLOPS), which gpu.js can always run.
 *
 * A GL or WebGPU mode on a software renderer (SwiftShader, llvmpipe, ...) is never picked: it
 * runs the same work on the CPU through a GPU emulation layer, slower than both CPU modes and
 * with more overhead per call. Ask for it by name if you want it. A driver mode without a
 * renderer name counts as hardware (browsers may hide the name).
 *
 * gpu.js's own auto mode (`new GPU()`) tries headlessgl, webgl2, webgl, webasm, cpu in that
 * order and ignores software renderers, so in Node without a GPU it can land on a renderer
 * slower than its own CPU modes. This is the choice PyTorch code makes with
 * `torch.device('cuda' if torch.cuda.is_available() else 'cpu')`, made from measured speeds.
 *
 * @example
 * ```ts
 * chooseAutoMode([
 *   { mode: 'headlessgl', renderer: 'llvmpipe (LLVM 15.0.6, 256 bits)' },
 *   { mode: 'webasm' },
 * ]);
 * // { mode: 'webasm',
 * //   reason: "webasm: no hardware GPU; headlessgl renders with software ('llvmpipe (LLVM 15.0.6, 256 bits)')" }
 * ```
 */
export function chooseAutoMode(available: readonly AvailableMode[]): ModeChoice {
  const isSoftware = (a: AvailableMode): boolean =>
    DRIVER_MODES.includes(a.mode) && a.renderer !== undefined && isSoftwareRenderer(a.renderer);
  const rank = (a: AvailableMode): number => GPU_MODES.indexOf(a.mode);
  const usable = available.filter((a) => !isSoftware(a)).sort((x, y) => rank(x) - rank(y));
  const skipped = available
    .filter(isSoftware)
    .map((a) => `${a.mode} renders with software ('${a.renderer}')`);

  const best = usable[0];
  if (best !== undefined && DRIVER_MODES.includes(best.mode)) {
    const on = best.renderer === undefined ? 'renderer not reported' : `'${best.renderer}'`;
    return { mode: best.mode, reason: `${best.mode}: hardware GPU (${on})` };
  }
  const mode = best?.mode ?? 'cpu';
  const why = skipped.length > 0 ? skipped.join('; ') : 'no GPU mode available';
  const fallback =
    best === undefined ? ', and no CPU mode reported: gpu.js can always run cpu' : '';
  return { mode, reason: `${mode}: no hardware GPU; ${why}${fallback}` };
}
