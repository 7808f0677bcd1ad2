import type { DType, View } from '@nabla/backend';
import { numel } from '@nabla/backend';
import type { Plan } from '../device.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';
import { walk } from './index-math.js';
import { KernelSource } from './kernel-source.js';
import { viewKey } from './signature.js';
import { Output, readElement, type Value } from './values.js';

/** The argument names of elementwise kernels, one per operand. */
const NAMES = ['a', 'b', 'c'];

/**
 * Runs an elementwise kernel: every operand (equal shapes; broadcasting arrives as stride-0
 * views) is read through its strides and offset, `body` combines the values of one element,
 * and the result, converted to `dtype`, fills a new contiguous buffer. Shared by cast, unary,
 * binary and where; `name` (the op) and the operands' layouts make the kernel's cache signature,
 * and `body` runs only when that signature is new.
 *
 * inputs: k views of one shape [...] -> [...] of `dtype`
 */
export function elementwise(
  ctx: KernelContext,
  name: string,
  inputs: readonly View<GpuBuffer>[],
  dtype: DType,
  body: (src: KernelSource, values: readonly Value[]) => Value,
): GpuBuffer {
  const shape = (inputs[0] as View<GpuBuffer>).shape;
  const n = numel(shape);
  if (n === 0) return ctx.output(dtype, 0, new Float32Array(0));
  const args = inputs.map((v) => v.buffer.data);
  const signature = `${name} ${dtype} ${inputs.map(viewKey).join(' ')}`;
  const plan = (): Plan => {
    const names = NAMES.slice(0, inputs.length);
    const src = new KernelSource(names);
    const out = new Output(src, dtype, n);
    const at = walk(src, out.flat, shape, inputs, names);
    const values = inputs.map((v, k) =>
      readElement(src, names[k] as string, v.buffer.dtype, at[k] as string, v.buffer.size),
    );
    return { source: src, result: out.result(body(src, values)), length: out.length };
  };
  return ctx.output(dtype, n, ctx.device.run(signature, plan, args));
}
