import {
  GPU,
  type GPUFunction,
  type IKernelRunShortcut,
  type KernelOutput,
  type Texture,
} from 'gpu.js';
import { KernelSource } from './codegen/kernel-source.js';
import { glMathFunctions, lowerToGlMath, wgslMathFunctions } from './gl-math.js';
import { LaunchQueue, PendingArray, type WebGpuResult } from './launch-queue.js';
import type { GpuMode } from './mode.js';

/**
 * What a device holds for one buffer: a `Float32Array` in the modes that compute on the CPU
 * (`webasm`, `cpu`: gpu.js's pipeline results there are plain arrays), a gpu.js `Texture` in the
 * GL modes (`webgl2`, `webgl`, `headlessgl`), kept on the GPU between kernels, and in `webgpu` a
 * {@link PendingArray}: the promise of a WebGPU storage buffer that a queued launch produces.
 * (Empty buffers are an empty `Float32Array` in every mode.)
 */
export type DeviceArray = Float32Array | Texture | PendingArray;

/**
 * The most floats one buffer may hold outside `cpu` mode: kernels compute indices in float32
 * there (webasm, GLSL), exact below 2^24.
 */
export const MAX_FLOATS = 2 ** 24;

/** The error of a synchronous read in `webgpu` mode (`dataSync()`, `item()`, `readSync`). */
export const NO_SYNC_READS =
  'gpu backend: the device cannot read synchronously in webgpu mode (WebGPU reads are ' +
  'asynchronous); use await tensor.data() (or Backend.read) instead of dataSync(), item() or ' +
  'tolist()';

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
  /**
   * Whether kernels run asynchronously (`webgpu`: gpu.js's kernels return Promises): launches
   * then go through {@link queue} and give {@link PendingArray}s, and reads cannot be synchronous.
   */
  readonly asyncLaunches: boolean;
  /** Whether kernels may have 2-D outputs (host modes, where the rows share one array). */
  readonly twoD: boolean;
  readonly stats: KernelStats = { compiled: 0, cached: 0, calls: 0, fallbacks: [] };
  private readonly cache = new Map<string, Compiled>();
  /** The order of launches, reads and frees in `webgpu` mode. */
  private readonly queue = new LaunchQueue();

  constructor(
    readonly mode: GpuMode,
    private readonly cacheSize = 2048,
  ) {
    if (mode === 'webgpu' && !hasNavigatorGpu()) {
      throw new Error(
        "gpu backend: mode 'webgpu' needs WebGPU (navigator.gpu): a browser that has it, or in " +
          "Node the 'webgpu' package (Dawn) installed as globalThis.navigator = { gpu: create([]) }",
      );
    }
    this.gpu = new GPU({ mode });
    this.hostArrays = mode === 'webasm' || mode === 'cpu';
    this.asyncLaunches = mode === 'webgpu';
    this.twoD = this.hostArrays;
    // GL modes and webgpu: IEEE specials and float32 accuracy for the Math functions (see
    // gl-math.ts)
    if (!this.hostArrays) {
      const functions = this.asyncLaunches ? wgslMathFunctions : glMathFunctions;
      for (const { source, arity } of functions) {
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
   *
   * In `webgpu` mode the launch is queued behind every earlier one and this returns at once: a
   * {@link PendingArray} that settles when the kernel has been submitted (or fails with its
   * error, or that of an input).
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
    if (this.asyncLaunches) return this.launchLater(kernel, length, args);
    const out = kernel(...(args as Float32Array[])) as KernelOutput;
    if (kernel.kernel.fallbackReason) this.noteFallback(kernel);
    return flatten(out, length);
  }

  /**
   * `webgpu`: queues the launch of `kernel` on `args` once the launches before it have settled
   * (so its inputs exist) and returns its output's promise.
   */
  private launchLater(
    kernel: IKernelRunShortcut,
    length: number,
    args: readonly (DeviceArray | number)[],
  ): PendingArray {
    const ready = this.queue.enqueue(async () => {
      const inputs = await Promise.all(args.map((a) => (a instanceof PendingArray ? a.ready : a)));
      const out = (await kernel(...(inputs as Float32Array[]))) as unknown;
      if (kernel.kernel.fallbackReason) this.noteFallback(kernel);
      return out as WebGpuResult | Float32Array;
    });
    return new PendingArray(ready, length);
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

  /**
   * The floats of a device array, synchronously (a copy).
   *
   * @throws Error in `webgpu` mode, where the device cannot be read synchronously.
   */
  download(data: DeviceArray): Float32Array {
    if (data instanceof Float32Array) return data.slice();
    if (data instanceof PendingArray) {
      throw new Error(NO_SYNC_READS);
    }
    return flatten(data.toArray() as KernelOutput, floatsOf(data)) as Float32Array;
  }

  /**
   * The floats of a device array (a copy). In `webgpu` mode the copy is queued behind the
   * launches asked for before it, and resolves once the GPU has run them.
   */
  async downloadAsync(data: DeviceArray): Promise<Float32Array> {
    if (!(data instanceof PendingArray)) return this.download(data);
    // The queue waits only until the copy is submitted (the box keeps it from awaiting the read).
    const { values } = await this.queue.enqueue(async () => {
      const result = await data.ready;
      const values =
        result instanceof Float32Array ? Promise.resolve(result.slice()) : result.toArray();
      return { values };
    });
    return flatten((await values) as KernelOutput, data.length) as Float32Array;
  }

  /**
   * Frees a device array now (textures); host arrays are garbage-collected. In `webgpu` mode,
   * once the launches and reads asked for before have used it.
   */
  release(data: DeviceArray): void {
    if (data instanceof PendingArray) {
      this.queue.enqueue(async () => {
        const result = await data.ready;
        if (!(result instanceof Float32Array)) result.delete();
      });
    } else if (!(data instanceof Float32Array)) data.delete();
  }

  /** Frees every compiled kernel and the gpu.js instance (after the queued work, in `webgpu`). */
  async destroy(): Promise<void> {
    await this.queue.idle();
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

/** Whether `navigator.gpu` exists (WebGPU's entry point, where gpu.js looks for it). */
function hasNavigatorGpu(): boolean {
  return (globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu !== undefined;
}

/** The number of floats a device array holds. */
export function floatsOf(data: DeviceArray): number {
  if (data instanceof Float32Array || data instanceof PendingArray) return data.length;
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
