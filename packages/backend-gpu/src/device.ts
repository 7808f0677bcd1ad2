import {
  GPU,
  type GPUFunction,
  type IKernelRunShortcut,
  type KernelOutput,
  type Texture,
} from 'gpu.js';
import { KernelSource } from './codegen/kernel-source.js';
import { glMathFunctions, lowerToGlMath } from './gl-math.js';
import type { GpuMode } from './mode.js';

/**
 * What a device holds for one buffer: a `Float32Array` in the modes that compute on the CPU
 * (`webasm`, `cpu`: gpu.js's pipeline results there are plain arrays), a gpu.js `Texture` in the
 * GL modes (`webgl2`, `webgl`, `headlessgl`), kept on the GPU between kernels.
 */
export type DeviceArray = Float32Array | Texture;

/**
 * The most floats one buffer may hold outside `cpu` mode: kernels compute indices in float32
 * there (webasm, GLSL), exact below 2^24.
 */
export const MAX_FLOATS = 2 ** 24;

/** Counters of the kernel cache, for `memory()` and tests. */
export interface KernelStats {
  /** Kernels compiled so far (a cache miss compiles one). */
  compiled: number;
  /** Kernels in the cache now. */
  cached: number;
  /** Kernel calls so far. */
  calls: number;
  /** Why gpu.js ran a kernel on its cpu backend instead of the mode asked for (should be empty). */
  fallbacks: string[];
}

/** How to build one kernel: its source, what it returns, and its output's length in floats. */
export interface Plan {
  readonly source: KernelSource;
  /** The expression the kernel returns. */
  readonly result: string;
  readonly length: number;
  /**
   * Rows of a 2-D launch (`this.thread.y`), `length / rows` floats each; only where
   * {@link Device.twoD}. Omitted: 1-D (`this.thread.x` runs over the whole output).
   */
  readonly rows?: number;
}

/** A compiled kernel and the length of its output. */
interface Compiled {
  readonly kernel: IKernelRunShortcut;
  readonly length: number;
}

/**
 * One gpu.js instance in one mode, with its kernels compiled once per signature (the op, the
 * dtypes, shapes, strides, offsets and buffer sizes of its operands: everything its source and
 * constants depend on) and kept in a least-recently-used cache. Launches return device arrays
 * that no later launch overwrites (`pipeline` and `immutable` are on).
 */
export class Device {
  readonly gpu: GPU;
  /** Whether arrays live in host memory (`webasm`, `cpu`), so reads are synchronous copies. */
  readonly hostArrays: boolean;
  /** Whether kernels may have 2-D outputs (host modes, where the rows share one array). */
  readonly twoD: boolean;
  readonly stats: KernelStats = { compiled: 0, cached: 0, calls: 0, fallbacks: [] };
  private readonly cache = new Map<string, Compiled>();

  constructor(
    readonly mode: GpuMode,
    private readonly cacheSize = 2048,
  ) {
    if (mode === 'webgpu') {
      throw new Error(
        "gpu backend: mode 'webgpu' is not supported yet: gpu.js's WebGPU kernels return " +
          'Promises, and the Backend interface is synchronous',
      );
    }
    this.gpu = new GPU({ mode });
    this.hostArrays = mode === 'webasm' || mode === 'cpu';
    this.twoD = this.hostArrays;
    // GL modes: IEEE specials and float32 accuracy for the Math functions (see gl-math.ts)
    if (!this.hostArrays) {
      for (const { source, arity } of glMathFunctions) {
        const argumentTypes = arity === 1 ? ['Number'] : ['Number', 'Number'];
        // gpu.js takes a function's source text too (its typings list only function objects)
        const fn = source as unknown as GPUFunction;
        this.gpu.addFunction(fn, { argumentTypes, returnType: 'Number' });
      }
    }
  }

  /** Checks that a buffer of `floats` floats can be indexed exactly in this mode. */
  checkSize(floats: number): void {
    if (this.mode !== 'cpu' && floats > MAX_FLOATS) {
      throw new RangeError(
        `gpu backend: a buffer of ${floats} floats is larger than ${MAX_FLOATS} (2^24), the ` +
          `most that float32 index math addresses exactly in mode '${this.mode}'`,
      );
    }
  }

  /**
   * Runs the kernel of `signature` on `args` and returns its output. On the signature's first
   * use, `plan` builds the kernel's source, and gpu.js compiles it; later calls skip both.
   * Number arguments are uniforms: they change between calls without a new compilation (no
   * loop may be bounded by one).
   */
  run(signature: string, plan: () => Plan, args: readonly (DeviceArray | number)[]): DeviceArray {
    let entry = this.cache.get(signature);
    if (entry === undefined) {
      entry = this.compile(plan());
      this.cache.set(signature, entry);
      this.evict();
    } else {
      // most recently used last
      this.cache.delete(signature);
      this.cache.set(signature, entry);
    }
    this.stats.calls++;
    const { kernel, length } = entry;
    const out = kernel(...(args as Float32Array[])) as KernelOutput;
    if (kernel.kernel.fallbackReason) this.noteFallback(kernel);
    return flatten(out, length);
  }

  private compile(plan: Plan): Compiled {
    const { source, result, length } = plan;
    this.checkSize(length);
    const rows = this.twoD && plan.rows !== undefined ? plan.rows : 1;
    const text = source.toString(result);
    const kernel = this.gpu.createKernel(this.hostArrays ? text : lowerToGlMath(text), {
      output: rows > 1 ? [length / rows, rows] : [length],
      constants: source.constants,
      pipeline: true,
      immutable: true,
      precision: 'single',
      tactic: 'precision',
    });
    this.stats.compiled++;
    return { kernel, length };
  }

  /** Records why gpu.js ran a kernel on its cpu backend instead of this mode, if it did. */
  private noteFallback(kernel: IKernelRunShortcut): void {
    const reason = kernel.kernel.fallbackReason;
    if (reason && !this.stats.fallbacks.includes(reason)) this.stats.fallbacks.push(reason);
  }

  /** Puts host floats on the device. */
  upload(data: Float32Array): DeviceArray {
    this.checkSize(data.length);
    if (this.hostArrays || data.length === 0) return data;
    // GL modes: an identity kernel turns the array into a texture
    const plan = (): Plan => {
      const source = new KernelSource(['x']);
      return { source, result: 'x[this.thread.x]', length: data.length };
    };
    return this.run(`upload ${data.length}`, plan, [data]);
  }

  /** The floats of a device array, synchronously (a copy). */
  download(data: DeviceArray): Float32Array {
    if (data instanceof Float32Array) return data.slice();
    return flatten(data.toArray() as KernelOutput, floatsOf(data)) as Float32Array;
  }

  /** Frees a device array now (textures); host arrays are garbage-collected. */
  release(data: DeviceArray): void {
    if (!(data instanceof Float32Array)) data.delete();
  }

  /** Frees every compiled kernel and the gpu.js instance. */
  async destroy(): Promise<void> {
    for (const { kernel } of this.cache.values()) kernel.destroy();
    this.cache.clear();
    this.stats.cached = 0;
    await this.gpu.destroy();
  }

  private evict(): void {
    while (this.cache.size > this.cacheSize) {
      const [oldest, entry] = this.cache.entries().next().value as [string, Compiled];
      this.cache.delete(oldest);
      // A GL kernel's destroy() deletes its last output texture, which a buffer may still
      // hold: there the kernel is only dropped (the browser collects its program).
      if (this.hostArrays) entry.kernel.destroy();
    }
    this.stats.cached = this.cache.size;
  }
}

/** The number of floats a device array holds. */
export function floatsOf(data: DeviceArray): number {
  if (data instanceof Float32Array) return data.length;
  const output = (data as Texture & { output: number[] }).output;
  return output.reduce((n, s) => n * s, 1);
}

/**
 * A kernel's output as one flat `Float32Array`: gpu.js returns 2-D outputs as rows (one
 * `Float32Array` per row, views of one array in webasm, separate arrays in cpu mode).
 */
function flatten(out: KernelOutput, length: number): DeviceArray {
  if (out instanceof Float32Array) return out;
  if (Array.isArray(out) && out.length > 0) {
    const rows = out as Float32Array[];
    const first = rows[0] as Float32Array;
    const second = rows[1];
    const shared =
      first.buffer === (rows[rows.length - 1] as Float32Array).buffer &&
      first.byteOffset === 0 &&
      (second === undefined || second.byteOffset === first.length * 4) &&
      first.buffer.byteLength === length * 4;
    if (shared) return new Float32Array(first.buffer, 0, length);
    const flat = new Float32Array(length);
    let at = 0;
    for (const row of rows) {
      flat.set(row, at);
      at += row.length;
    }
    return flat;
  }
  return out as Texture;
}
