import type { View } from '@nabla/backend';
import { CpuBuffer } from '../cpu-buffer.js';
import { dense } from '../strided.js';
import { WASM_MIN_ELEMENTS, wasmElementwise } from '../wasm/elementwise.js';

/**
 * PyTorch's `threshold_backward`, the gradient of ReLU: `x <= threshold ? 0 : grad` for float32
 * views of one shape, in one pass (no bool mask between a comparison and a select; in
 * WebAssembly SIMD from 2048 elements). A NaN in
 * `x` passes its gradient on, as in PyTorch.
 *
 * grad: [...], x: [...] -> [...]
 */
export function thresholdBackward(
  grad: View<CpuBuffer>,
  x: View<CpuBuffer>,
  threshold: number,
): CpuBuffer {
  const g = dense(grad) as Float32Array;
  const xs = dense(x) as Float32Array;
  const n = g.length;
  const w = n >= WASM_MIN_ELEMENTS ? wasmElementwise() : null;
  if (w !== null) return new CpuBuffer('float32', w.threshold(g, xs, threshold, n));
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (xs[i] as number) <= threshold ? 0 : (g[i] as number);
  return new CpuBuffer('float32', out);
}
