import type { View } from '@nabla/backend';
import { contiguousStrides, numel } from '@nabla/backend';
import { walk } from '../codegen/index-math.js';
import { KernelSource } from '../codegen/kernel-source.js';
import { viewKey } from '../codegen/signature.js';
import { asFloat, readElement } from '../codegen/values.js';
import type { DeviceArray, Plan } from '../device.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';

/**
 * The first pass of scatter: for entry `k` of `index` (row-major), the row-major position in
 * the output (`outShape`) that it writes: its own coordinates, with `index[k]` on `axis`.
 * Entries from `numel(index)` to `padded` are padding and get the key `numel(outShape)`, past
 * every real position, so that a sort moves them to the end.
 *
 * index: [..., m, ...] -> [padded] keys
 */
export function scatterKeys(
  ctx: KernelContext,
  outShape: readonly number[],
  axis: number,
  index: View<GpuBuffer>,
  padded: number,
): DeviceArray {
  const m = numel(index.shape);
  const plan = (): Plan => {
    const src = new KernelSource(['ix']);
    const k = src.let('this.thread.x', 'i');
    const m0 = src.constant('m', m);
    // where entry k writes, except along `axis`: index's coordinates, walked with the output's
    // row-major strides (zeroed on `axis`); clamped so that padding threads read in bounds
    const row = contiguousStrides(outShape).map((s, d) => (d === axis ? 0 : s));
    const kk = src.let(`${k} < ${m0} ? ${k} : 0`, 'i');
    const [at, base] = walk(
      src,
      kk,
      index.shape,
      [index, { strides: row, offset: 0 }],
      ['ix', 'o'],
    );
    const target = asFloat(readElement(src, 'ix', 'int32', at as string, index.buffer.size));
    const step = src.constant('oa', contiguousStrides(outShape)[axis] as number);
    const key = src.let(`${base} + ${target} * ${step}`, 'key');
    const past = src.constant('past', numel(outShape));
    return { source: src, result: `${k} < ${m0} ? ${key} : ${past}`, length: padded };
  };
  const signature = `scatter-keys ${outShape.join()} ${axis} ${padded} ${viewKey(index)}`;
  return ctx.device.run(signature, plan, [index.buffer.data]);
}
