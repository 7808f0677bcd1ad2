import type { View } from '@nabla/backend';
import { numel } from '@nabla/backend';
import { walk } from '../codegen/index-math.js';
import { KernelSource } from '../codegen/kernel-source.js';
import { viewKey } from '../codegen/signature.js';
import { expOfDifference } from '../codegen/two-sum.js';
import type { DeviceArray, Plan } from '../device.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';

/** The per-slice statistics of softmax / log-softmax. */
export interface SoftmaxStats {
  /**
   * `[slices]` maxima, then `[slices]` values of `sum(exp(x - max)) - 1`: a device array the
   * caller frees.
   */
  readonly data: DeviceArray;
  /** The number of slices: every element of `x` except along `axis`. */
  readonly slices: number;
}

/**
 * The first pass of softmax and log-softmax along `axis`: per slice, the maximum (NaN if the
 * slice holds one) and `t = sum(exp(x - max)) - 1`, the sum without the max's own term (which
 * is exactly 1). Keeping the 1 apart lets log-softmax take `log1p(t)`, accurate even when the
 * max dominates (where `log(1 + t)` would lose t's digits to rounding). The max's term enters
 * as `exp(max - max) - 1`: 0, or NaN when the max is +inf, so such a slice is NaN throughout,
 * as in PyTorch.
 *
 * Thread `t < slices` returns slice `t`'s max, thread `slices + t` its sum, so the second pass
 * reads both from one array and the op costs O(n) per slice.
 *
 * x: [..., n, ...] -> [2, ..., 1, ...]
 */
export function softmaxStats(ctx: KernelContext, x: View<GpuBuffer>, axis: number): SoftmaxStats {
  const shape = x.shape.map((s, d) => (d === axis ? 1 : s));
  const slices = numel(shape);
  const plan = (): Plan => {
    const src = new KernelSource(['x']);
    const count = src.constant('sn', slices);
    const part = src.let(`this.thread.x >= ${count} ? 1 : 0`, 'part');
    const flat = src.let(`this.thread.x - ${part} * ${count}`, 'i');
    const [base] = walk(src, flat, shape, [x], ['x']);
    const step = src.constant('xa', x.strides[axis] as number);
    const n = src.constant('xan', x.shape[axis] as number);
    // the max and where it first occurs; a NaN, once met, stays
    const m = src.variable(`x[${base}]`, 'm');
    const at = src.variable('0', 'm');
    const k = src.fresh('k');
    src.block(`for (let ${k} = 1; ${k} < ${n}; ${k}++)`, () => {
      const v = src.let(`x[${base} + ${k} * ${step}]`, 'x');
      const take = src.let(`(${m} == ${m} && (${v} != ${v} || ${v} > ${m})) ? 1 : 0`, 'x');
      src.line(`${m} = ${take} == 1 ? ${v} : ${m};`);
      // `k / 1`: the loop counter as a float (GLSL's ?: wants both sides of one type)
      src.line(`${at} = ${take} == 1 ? ${k} / 1 : ${at};`);
    });
    // Kahan-compensated sum of exp(x - max), each term to float32 accuracy, minus the max's 1
    const s = src.variable('0', 's');
    const c = src.variable('0', 's');
    src.block(`if (${part} == 1)`, () => {
      const j = src.fresh('k');
      src.block(`for (let ${j} = 0; ${j} < ${n}; ${j}++)`, () => {
        const v = src.let(`x[${base} + ${j} * ${step}]`, 'x');
        const term = expOfDifference(src, v, m);
        const y = src.let(`(${j} == ${at} ? ${term} - 1 : ${term}) - ${c}`, 'y');
        const t = src.let(`${s} + ${y}`, 'y');
        src.line(`${c} = (${t} - ${s}) - ${y};`);
        src.line(`${s} = ${t};`);
      });
    });
    return { source: src, result: `${part} == 1 ? ${s} : ${m}`, length: 2 * slices };
  };
  const data = ctx.device.run(`softmax-stats ${axis} ${viewKey(x)}`, plan, [x.buffer.data]);
  return { data, slices };
}
