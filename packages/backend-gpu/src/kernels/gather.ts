import type { View } from '@nabla/backend';
import { numel } from '@nabla/backend';
import { walk } from '../codegen/index-math.js';
import { KernelSource } from '../codegen/kernel-source.js';
import { viewKey } from '../codegen/signature.js';
import { asFloat, Output, readElement } from '../codegen/values.js';
import type { Plan } from '../device.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';

/**
 * `torch.gather(x, axis, index)`: `out[i][j] = x[index[i][j]][j]` for axis 0,
 * `out[i][j] = x[i][index[i][j]]` for axis 1, and so on. `index` is int32 with values in
 * `[0, x.shape[axis])`; on the other axes it may be smaller than `x`, as PyTorch allows.
 *
 * x: [..., n, ...], index: [..., m, ...] -> [..., m, ...] (index's shape, x's dtype)
 */
export function gather(
  ctx: KernelContext,
  x: View<GpuBuffer>,
  axis: number,
  index: View<GpuBuffer>,
): GpuBuffer {
  const dtype = x.buffer.dtype;
  const size = numel(index.shape);
  if (size === 0) return ctx.output(dtype, 0, new Float32Array(0));
  const signature = `gather ${axis} ${viewKey(x)} ${viewKey(index)}`;
  const plan = (): Plan => {
    const src = new KernelSource(['x', 'ix']);
    const out = new Output(src, dtype, size);
    // walking index's shape with x's strides, zeroed on `axis`, gives where x's row starts
    const rowStart = { strides: x.strides.map((s, d) => (d === axis ? 0 : s)), offset: x.offset };
    const [at, base] = walk(src, out.flat, index.shape, [index, rowStart], ['ix', 'x']);
    const k = asFloat(readElement(src, 'ix', 'int32', at as string, index.buffer.size));
    const step = src.constant('xa', x.strides[axis] as number);
    const pos = src.let(`${base} + ${k} * ${step}`, 'at');
    const v = readElement(src, 'x', dtype, pos, x.buffer.size);
    return { source: src, result: out.result(v), length: out.length };
  };
  const data = ctx.device.run(signature, plan, [x.buffer.data, index.buffer.data]);
  return ctx.output(dtype, size, data);
}
