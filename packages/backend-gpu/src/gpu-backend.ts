import type {
  Backend,
  Conv2dParams,
  DType,
  Pool2dParams,
  Shape,
  TypedArray,
  View,
} from '@nabla/backend';
import { chooseAutoMode, type ModeChoice } from './choose-auto-mode.js';
import { floatsPer } from './codegen/values.js';
import { Device, type KernelStats, MAX_FLOATS, NO_SYNC_READS } from './device.js';
import { decode } from './encoding.js';
import type { GpuBuffer } from './gpu-buffer.js';
import { KernelContext } from './kernel-context.js';
import { argReduce } from './kernels/arg-reduce.js';
import { assign } from './kernels/assign.js';
import { batchNorm } from './kernels/batch-norm.js';
import { batchNormBackward } from './kernels/batch-norm-backward.js';
import { batchNormStats } from './kernels/batch-norm-stats.js';
import { binary } from './kernels/binary/index.js';
import { cast } from './kernels/cast.js';
import { conv2d } from './kernels/conv2d.js';
import { conv2dBackwardInput } from './kernels/conv2d-backward-input.js';
import { conv2dBackwardWeight } from './kernels/conv2d-backward-weight.js';
import { gather } from './kernels/gather.js';
import { logSoftmax } from './kernels/log-softmax.js';
import { matmul } from './kernels/matmul.js';
import { maxPool2d } from './kernels/max-pool2d.js';
import { maxPool2dBackward } from './kernels/max-pool2d-backward.js';
import { reduce } from './kernels/reduce.js';
import { scatter } from './kernels/scatter.js';
import { softmax } from './kernels/softmax.js';
import { thresholdBackward } from './kernels/threshold-backward.js';
import { unary } from './kernels/unary/index.js';
import { where } from './kernels/where.js';
import { type MemoryInfo, MemoryTracker } from './memory.js';
import { type GpuMode, parseMode } from './mode.js';
import { probeModes } from './probe-modes.js';

/** Options of {@link createGpuBackend}. */
export interface GpuBackendOptions {
  /**
   * The gpu.js mode, or `'auto'` (the default): the fastest mode that works here, by
   * {@link chooseAutoMode} (a hardware GPU, else `webasm`, else `cpu`).
   */
  mode?: GpuMode | 'auto';
  /** How many compiled kernels to keep (least recently used go first); 2048 by default. */
  kernelCacheSize?: number;
}

/** What the chosen mode can and cannot do, stated rather than discovered by failing. */
export interface GpuCapabilities {
  /**
   * `readSync` works: host arrays and GL textures, every mode but `webgpu`, whose reads are
   * asynchronous (there `readSync` throws; `read` works).
   */
  readonly readSync: boolean;
  /** int32 is exact over its whole range (two 16-bit limbs per element): true in every mode. */
  readonly exactInt32: boolean;
  /**
   * How the mode computes float32 results: `'float32'` (webasm, GL: every operation rounds to
   * float32, transcendental functions within a few ulps) or `'float64'` (cpu: doubles, rounded
   * once when stored).
   */
  readonly arithmetic: 'float32' | 'float64';
  /** NaN and ±inf follow IEEE 754 (true in webasm and cpu; GLSL does not promise it). */
  readonly ieeeSpecials: boolean;
  /** The most floats one buffer may hold (2^24 where indices are float32: every mode but cpu). */
  readonly maxFloats: number;
}

/**
 * The GPU backend: {@link Backend} with every primitive as a gpu.js kernel, plus the fused
 * softmax / log-softmax, conv2d (with its input and weight gradients), max-pool2d (with its
 * gradient) and batch norm (statistics, forward, backward), device memory accounting and `tidy`.
 */
export interface GpuBackend extends Backend<GpuBuffer> {
  /** `'gpu'`, the device name tensors report. */
  readonly device: 'gpu';
  /** The gpu.js mode kernels run in. */
  readonly mode: GpuMode;
  /** The mode and why it was taken (for `'auto'`: which modes were found, which were skipped). */
  readonly modeChoice: ModeChoice;
  readonly capabilities: GpuCapabilities;
  softmax(x: View<GpuBuffer>, axis: number): GpuBuffer;
  logSoftmax(x: View<GpuBuffer>, axis: number): GpuBuffer;
  thresholdBackward(grad: View<GpuBuffer>, x: View<GpuBuffer>, threshold: number): GpuBuffer;
  conv2d(
    x: View<GpuBuffer>,
    weight: View<GpuBuffer>,
    bias: View<GpuBuffer> | null,
    p: Conv2dParams,
  ): GpuBuffer;
  conv2dBackwardInput(
    grad: View<GpuBuffer>,
    weight: View<GpuBuffer>,
    inputShape: Shape,
    p: Conv2dParams,
  ): GpuBuffer;
  conv2dBackwardWeight(
    grad: View<GpuBuffer>,
    x: View<GpuBuffer>,
    weightShape: Shape,
    p: Conv2dParams,
  ): GpuBuffer;
  maxPool2d(x: View<GpuBuffer>, p: Pool2dParams): [values: GpuBuffer, indices: GpuBuffer];
  maxPool2dBackward(
    grad: View<GpuBuffer>,
    indices: View<GpuBuffer>,
    inputShape: Shape,
    p: Pool2dParams,
  ): GpuBuffer;
  batchNormStats(x: View<GpuBuffer>): [mean: GpuBuffer, variance: GpuBuffer];
  batchNorm(
    x: View<GpuBuffer>,
    mean: View<GpuBuffer>,
    invstd: View<GpuBuffer>,
    weight: View<GpuBuffer> | null,
    bias: View<GpuBuffer> | null,
    training: boolean,
  ): GpuBuffer;
  batchNormBackward(
    grad: View<GpuBuffer>,
    x: View<GpuBuffer>,
    mean: View<GpuBuffer>,
    invstd: View<GpuBuffer>,
    weight: View<GpuBuffer> | null,
    training: boolean,
  ): [gradInput: GpuBuffer, gradWeight: GpuBuffer, gradBias: GpuBuffer];
  /** Live buffers and the device bytes they hold (`torch.cuda.memory_allocated`). */
  memory(): MemoryInfo;
  /** The kernel cache's counters: compiled, cached, calls, and any gpu.js fallbacks. */
  kernels(): KernelStats;
  /** Runs `fn` and disposes every buffer it made except those it returns (`tf.tidy`). */
  tidy<T>(fn: () => T): T;
  /** Keeps a buffer made inside `tidy` alive after it (`tf.keep`). */
  keep(buffer: GpuBuffer): GpuBuffer;
  /**
   * Opens a memory scope, as `tidy` does, for callers that cannot wrap their work in a function
   * (the tensor layer's `tidy` opens one on every device): buffers made until the matching
   * `endScope` belong to it.
   */
  startScope(): void;
  /**
   * Closes the innermost scope: frees its buffers except `keep` (they join the enclosing
   * scope), then the buffers of `drop` that are not in `keep`, wherever they were made.
   */
  endScope(keep: ReadonlySet<GpuBuffer>, drop?: Iterable<GpuBuffer>): void;
  /** Whether a buffer was made in the innermost open scope (and not kept out of it). */
  inScope(buffer: GpuBuffer): boolean;
  /** Frees the compiled kernels and gpu.js's instance; the backend is unusable afterwards. */
  destroy(): Promise<void>;
}

/** The choice of a mode the caller named (checked: a typo throws, listing the modes). */
function named(asked: string): ModeChoice {
  const mode = parseMode(asked);
  return { mode, reason: `${mode}: asked for` };
}

/**
 * Creates the GPU backend: every primitive of {@link Backend} as gpu.js kernels, compiled once
 * per shape, stride pattern and dtype and cached, with results kept on the device between ops
 * (gpu.js pipeline mode, immutable outputs). Each call returns a new, independent backend;
 * importing this module does nothing by itself.
 *
 * Buffers hold floats, what every gpu.js mode computes with: float32 as is, bool as 0 / 1, and
 * int32 as two 16-bit limbs per element, so int32 arithmetic is exact and wraps as C's over the
 * whole range. Free buffers with `dispose` or `tidy`; a FinalizationRegistry frees those that
 * are garbage-collected first, and `memory()` counts what is live.
 *
 * This is the device PyTorch calls `torch.device('cuda')`; here it is named `'gpu'`.
 *
 * @example
 * ```ts
 * import { contiguousView } from '@nabla/backend';
 * const gpu = createGpuBackend({ mode: 'webasm' });
 * const a = gpu.fromValues([1, 2, 3], 'float32');
 * const b = gpu.fromValues([10, 20, 30], 'float32');
 * const c = gpu.binary('add', contiguousView(a, [3]), contiguousView(b, [3]));
 * gpu.readSync(c); // Float32Array [11, 22, 33]
 * gpu.memory(); // { buffers: 3, bytes: 36 }
 * ```
 */
export function createGpuBackend(options: GpuBackendOptions = {}): GpuBackend {
  const asked = options.mode ?? 'auto';
  const modeChoice: ModeChoice = asked === 'auto' ? chooseAutoMode(probeModes()) : named(asked);
  const mode = modeChoice.mode;
  const device = new Device(mode, options.kernelCacheSize);
  const memory = new MemoryTracker((data) => device.release(data));
  const ctx = new KernelContext(device, memory);
  const readSync = (buffer: GpuBuffer): TypedArray => {
    if (device.asyncLaunches) throw new Error(NO_SYNC_READS);
    return decode(device.download(buffer.data), buffer.dtype, buffer.size);
  };

  return {
    device: 'gpu',
    mode,
    modeChoice,
    capabilities: {
      readSync: !device.asyncLaunches,
      exactInt32: true,
      arithmetic: mode === 'cpu' ? 'float64' : 'float32',
      ieeeSpecials: mode === 'webasm' || mode === 'cpu',
      maxFloats: mode === 'cpu' ? Number.POSITIVE_INFINITY : MAX_FLOATS,
    },
    zeros: (size: number, dtype: DType) => {
      device.checkSize(size * floatsPer(dtype));
      return ctx.output(dtype, size, device.upload(new Float32Array(size * floatsPer(dtype))));
    },
    fromValues: (values: ArrayLike<number>, dtype: DType) => ctx.upload(values, dtype),
    readsAsync: device.asyncLaunches,
    read: async (buffer: GpuBuffer) =>
      decode(await device.downloadAsync(buffer.data), buffer.dtype, buffer.size),
    readSync,
    dispose: (buffer: GpuBuffer) => memory.dispose(buffer),
    cast: (x, dtype) => cast(ctx, x, dtype),
    unary: (op, x) => unary(ctx, op, x),
    binary: (op, a, b) => binary(ctx, op, a, b),
    where: (cond, a, b) => where(ctx, cond, a, b),
    reduce: (op, x, axes) => reduce(ctx, op, x, axes),
    argReduce: (op, x, axis) => argReduce(ctx, op, x, axis),
    matmul: (a, b) => matmul(ctx, a, b),
    gather: (x, axis, index) => gather(ctx, x, axis, index),
    scatter: (x, axis, index, src, accumulate) => scatter(ctx, x, axis, index, src, accumulate),
    assign: (dst, src) => assign(ctx, dst, src),
    softmax: (x, axis) => softmax(ctx, x, axis),
    logSoftmax: (x, axis) => logSoftmax(ctx, x, axis),
    thresholdBackward: (grad, x, threshold) => thresholdBackward(ctx, grad, x, threshold),
    conv2d: (x, weight, bias, p) => conv2d(ctx, x, weight, bias, p),
    conv2dBackwardInput: (grad, weight, inputShape, p) =>
      conv2dBackwardInput(ctx, grad, weight, inputShape, p),
    conv2dBackwardWeight: (grad, x, weightShape, p) =>
      conv2dBackwardWeight(ctx, grad, x, weightShape, p),
    maxPool2d: (x, p) => maxPool2d(ctx, x, p),
    maxPool2dBackward: (grad, indices, inputShape, p) =>
      maxPool2dBackward(ctx, grad, indices, inputShape, p),
    batchNormStats: (x) => batchNormStats(ctx, x),
    batchNorm: (x, mean, invstd, weight, bias) => batchNorm(ctx, x, mean, invstd, weight, bias),
    batchNormBackward: (grad, x, mean, invstd, weight, training) =>
      batchNormBackward(ctx, grad, x, mean, invstd, weight, training),
    memory: () => memory.info(),
    kernels: () => ({ ...device.stats, fallbacks: [...device.stats.fallbacks] }),
    tidy: (fn) => memory.tidy(fn),
    keep: (buffer) => memory.keep(buffer),
    startScope: () => memory.startScope(),
    endScope: (keep, drop) => memory.endScope(keep, drop),
    inScope: (buffer) => memory.inScope(buffer),
    destroy: () => device.destroy(),
  };
}
