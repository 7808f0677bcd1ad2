import type { View } from '@nabla/backend';
import { CpuBuffer } from '../cpu-buffer.js';
import { numelOf, operand } from '../strided.js';
import { WASM_MIN_ELEMENTS, wasmElementwise } from '../wasm/elementwise.js';

/**
 * `torch.add(a, b, alpha=alpha)` for float32 views of one shape: `a + alpha * b` in one pass,
 * with `alpha` rounded to float32 first (PyTorch casts it to the tensors' dtype). The product of
 * two float32 values is exact in a double, so the sum is rounded once to a double and once to
 * float32 when stored: the fused multiply-add's result but for rare double-rounding ties. Large
 * operands run the same computation in WebAssembly SIMD (wasm/elementwise.ts).
 *
 * a: [...], b: [...] -> [...]
 */
export function addScaled(a: View<CpuBuffer>, b: View<CpuBuffer>, alpha: number): CpuBuffer {
  const s = Math.fround(alpha);
  const n = numelOf(a.shape);
  const av = operand(a);
  const bv = operand(b);
  const w = n >= WASM_MIN_ELEMENTS ? wasmElementwise() : null;
  if (w !== null && typeof av !== 'number' && typeof bv !== 'number') {
    return new CpuBuffer('float32', w.axpy(av as Float32Array, bv as Float32Array, s, n));
  }
  const out = new Float32Array(n);
  if (typeof av !== 'number' && typeof bv !== 'number') {
    for (let i = 0; i < n; i++) out[i] = (av[i] as number) + s * (bv[i] as number);
  } else if (typeof av !== 'number') {
    const sb = s * (bv as number);
    for (let i = 0; i < n; i++) out[i] = (av[i] as number) + sb;
  } else if (typeof bv !== 'number') {
    for (let i = 0; i < n; i++) out[i] = av + s * (bv[i] as number);
  } else {
    out.fill(av + s * bv);
  }
  return new CpuBuffer('float32', out);
}
