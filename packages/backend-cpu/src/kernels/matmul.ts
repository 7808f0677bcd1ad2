import type { View } from '@nabla/backend';
import { CpuBuffer } from '../cpu-buffer.js';
import { WasmGemm } from '../wasm/gemm.js';
import type { MatmulAccumulator } from '../wasm/micro-kernel.js';
import { matmulReference } from './matmul-reference.js';

/** Below this many multiply-adds per matrix the reference kernel is as fast (measured). */
const FAST_MIN_MACS = 1024;

// The WebAssembly kernels by accumulator and thread count, made by the first product that uses
// each; null if that failed.
const kernels = new Map<string, WasmGemm | null>();

function fastKernel(accumulator: MatmulAccumulator, threads: number): WasmGemm | null {
  const key = `${accumulator}/${threads}`;
  let k = kernels.get(key);
  if (k === undefined) {
    k = WasmGemm.create(accumulator, threads);
    kernels.set(key, k);
  }
  return k;
}

/**
 * Batched matrix product of float32 views, `torch.matmul` for operands of two or more
 * dimensions with equal batch dimensions (stride 0 for a broadcast batch; transposed operands
 * as transposed strides).
 *
 * Products of at least {@link FAST_MIN_MACS} multiply-adds per matrix run on the WebAssembly
 * SIMD kernel (wasm/gemm.ts), smaller ones (and all where WebAssembly is missing) on
 * {@link matmulReference}. `accumulator` `'float64'` (the default) gives the reference's
 * results bit for bit; `'float32'` sums in float32 as PyTorch's CPU matmul does, about twice as
 * fast. `threads` above 1 shares large products among worker threads (Node), with the same
 * results. NaN and inf propagate as in IEEE arithmetic.
 *
 * a: [..., M, K], b: [..., K, N] -> [..., M, N]
 */
export function matmul(
  a: View<CpuBuffer>,
  b: View<CpuBuffer>,
  accumulator: MatmulAccumulator = 'float64',
  threads = 1,
): CpuBuffer {
  const r = a.shape.length;
  const m = a.shape[r - 2] as number;
  const k = a.shape[r - 1] as number;
  const n = b.shape[r - 1] as number;
  if (m * n * k >= FAST_MIN_MACS) {
    const out = fastKernel(accumulator, threads)?.multiply(a, b);
    if (out != null) return new CpuBuffer('float32', out);
  }
  return matmulReference(a, b);
}
