import type { Backend, DType, TypedArray } from '@nabla/backend';
import { allocHost, castScalar } from '@nabla/backend';
import { CpuBuffer } from './cpu-buffer.js';
import { addScaled } from './kernels/add-scaled.js';
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
import type { MatmulAccumulator } from './wasm/micro-kernel.js';

/** The CPU backend: {@link Backend} plus its thread setting. */
export interface CpuBackend extends Backend<CpuBuffer> {
  /** The threads matrix products and convolutions use (`torch.get_num_threads`). */
  numThreads(): number;
  /**
   * Sets the threads for the products that follow (`torch.set_num_threads`); results do not
   * depend on it. Worker threads start on the first product that uses them.
   */
  setNumThreads(n: number): void;
}

function checkThreads(op: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`${op}: threads must be a positive integer, got ${n}`);
  }
}

/** Options of {@link cpuBackend}. */
export interface CpuBackendOptions {
  /**
   * How matrix products (`matmul`, and so `linear` and `conv2d`) add up their float32 products.
   * `'float64'` (default): in doubles, rounded once, bit for bit the reference kernel; about
   * 16 GFLOPS on one core in Node 20. `'float32'`: in float32 as PyTorch's CPU matmul does, and
   * about as accurate; about 28 GFLOPS. The nearest PyTorch knob is
   * `torch.set_float32_matmul_precision`, which trades accuracy for speed the same way.
   */
  matmulAccumulator?: MatmulAccumulator;
  /**
   * Threads for matrix products (default 1): above 1, products of at least 2^18 multiply-adds
   * per matrix are shared among that many threads (this one and worker threads, started on the
   * first such product; Node 20.16+ only, elsewhere one thread). Results do not depend on it.
   * `os.availableParallelism()` gives the machine's count, as `torch.set_num_threads` takes.
   */
  threads?: number;
}

/**
 * Creates the CPU backend: every primitive of {@link Backend}, plus the optional fused
 * `softmax`, `logSoftmax`, `addScaled` (`add` with `alpha`), `thresholdBackward` (ReLU's gradient), `conv2d` (with its input and weight gradients), `maxPool2d` (with
 * its gradient) and batch norm (statistics, forward, backward), on JavaScript typed arrays.
 * Each call returns a new, independent backend object; importing this module does nothing by
 * itself.
 *
 * This is the device PyTorch calls `torch.device('cpu')`. Elementwise kernels compute in doubles
 * and round when they store; float32 sums add in float32 in PyTorch's own order (see
 * kernels/sum-float32.ts), so they give torch's bits. Matrix products run on WebAssembly SIMD
 * kernels; `options.matmulAccumulator` picks how they add up (see {@link CpuBackendOptions}).
 * Convolutions unfold their input into columns (im2col) and run on those same matrix products,
 * so both options apply to them too; max pooling loops over its windows directly, and batch
 * norm over each channel, summing in doubles.
 *
 * **Reads are not copies.** `read` and `readSync` return the buffer's own typed array
 * (`buffer.data`), so a read costs nothing. Callers must therefore not write into the array,
 * and must not keep it as a snapshot: a later `assign` into the same buffer shows through it.
 * The tensor layer copies (or slices by its view) before it hands data to users.
 *
 * @example
 * ```ts
 * import { contiguousView } from '@nabla/backend';
 * const cpu = cpuBackend();
 * const a = cpu.fromValues([1, 2, 3], 'float32');
 * const b = cpu.fromValues([10, 20, 30], 'float32');
 * const c = cpu.binary('add', contiguousView(a, [3]), contiguousView(b, [3]));
 * cpu.readSync(c); // Float32Array [11, 22, 33]
 * const fast = cpuBackend({ matmulAccumulator: 'float32' }); // PyTorch's matmul numerics
 * ```
 */
export function cpuBackend(options: CpuBackendOptions = {}): CpuBackend {
  const { matmulAccumulator = 'float64' } = options;
  let threads = options.threads ?? 1;
  if (matmulAccumulator !== 'float64' && matmulAccumulator !== 'float32') {
    throw new RangeError(
      `cpuBackend: matmulAccumulator must be 'float64' or 'float32', got ${String(matmulAccumulator)}`,
    );
  }
  checkThreads('cpuBackend', threads);
  return {
    device: 'cpu',
    numThreads: () => threads,
    setNumThreads: (n: number) => {
      checkThreads('setNumThreads', n);
      threads = n;
    },
    zeros: (size: number, dtype: DType) => new CpuBuffer(dtype, allocHost(dtype, size)),
    fromValues: (values: ArrayLike<number>, dtype: DType) => {
      const data = allocHost(dtype, values.length);
      // a typed array converts in one native copy: set() rounds to float32 and truncates to
      // int32 exactly as castScalar does (bool needs castScalar: set() would wrap mod 256)
      if (dtype !== 'bool' && ArrayBuffer.isView(values))
        data.set(values as unknown as ArrayLike<number>);
      else for (let i = 0; i < values.length; i++) data[i] = castScalar(values[i] as number, dtype);
      return new CpuBuffer(dtype, data);
    },
    read: async (buffer: CpuBuffer): Promise<TypedArray> => buffer.data,
    readSync: (buffer: CpuBuffer): TypedArray => buffer.data,
    dispose: () => {
      // CPU buffers are garbage-collected.
    },
    cast,
    unary,
    binary,
    where,
    reduce,
    argReduce,
    matmul: (a, b) => matmul(a, b, matmulAccumulator, threads),
    gather,
    scatter,
    assign,
    softmax,
    logSoftmax,
    thresholdBackward,
    addScaled,
    conv2d: (x, weight, bias, p) => conv2d(x, weight, bias, p, matmulAccumulator, threads),
    conv2dBackwardInput: (grad, weight, inputShape, p) =>
      conv2dBackwardInput(grad, weight, inputShape, p, matmulAccumulator, threads),
    conv2dBackwardWeight: (grad, x, weightShape, p) =>
      conv2dBackwardWeight(grad, x, weightShape, p, matmulAccumulator, threads),
    maxPool2d,
    maxPool2dBackward,
    batchNormStats,
    batchNorm,
    batchNormBackward,
  };
}
