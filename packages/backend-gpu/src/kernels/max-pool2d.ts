import type { Pool2dParams, View } from '@nabla/backend';
import { numel } from '@nabla/backend';
import { divide } from '../codegen/grid.js';
import { walk } from '../codegen/index-math.js';
import { intFromIndex } from '../codegen/int32.js';
import { KernelSource } from '../codegen/kernel-source.js';
import { viewKey } from '../codegen/signature.js';
import { float, int, Output } from '../codegen/values.js';
import type { Plan } from '../device.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';

/**
 * `torch.nn.functional.max_pool2d(x, ..., return_indices=True)` of a float32 view: the maximum
 * of each window and where it is, as int32 flat indices `h * W + w` into the input's plane.
 * Positions outside the input (padding, or an `outSize` with ceil mode) are never chosen; the
 * first maximum in the window's row-major order wins, and a NaN counts as a maximum (the first
 * NaN wins), as in PyTorch. Two kernels, one thread per output element each, walk the window
 * alike: one returns the values, the other the indices (two threads per element, one per
 * 16-bit half, as every int32 output).
 *
 * x: [N, C, H, W] -> values [N, C, Ho, Wo] (float32), indices [N, C, Ho, Wo] (int32)
 */
export function maxPool2d(
  ctx: KernelContext,
  x: View<GpuBuffer>,
  p: Pool2dParams,
): [values: GpuBuffer, indices: GpuBuffer] {
  const outShape = [x.shape[0] as number, x.shape[1] as number, ...p.outSize];
  const size = numel(outShape);
  if (size === 0) {
    return [
      ctx.output('float32', 0, new Float32Array(0)),
      ctx.output('int32', 0, new Float32Array(0)),
    ];
  }
  if (numel(x.shape) === 0) {
    // no input positions at all: every window is empty
    return [ctx.fill('float32', size, Number.NEGATIVE_INFINITY), ctx.fill('int32', size, 0)];
  }
  const run = (want: 'values' | 'indices'): GpuBuffer => {
    const dtype = want === 'values' ? 'float32' : 'int32';
    const signature = `max-pool2d ${want} ${viewKey(x)} ${JSON.stringify(p)}`;
    const plan = (): Plan => poolPlan(x, p, want);
    return ctx.output(dtype, size, ctx.device.run(signature, plan, [x.buffer.data]));
  };
  return [run('values'), run('indices')];
}

/** One thread per output element (per half of one, for the indices), scanning its window. */
function poolPlan(x: View<GpuBuffer>, p: Pool2dParams, want: 'values' | 'indices'): Plan {
  const [n, c, h, w] = x.shape as [number, number, number, number];
  const [ho, wo] = p.outSize;
  const [kh, kw] = p.kernel;
  const src = new KernelSource(['x']);
  const out = new Output(src, want === 'values' ? 'float32' : 'int32', n * c * ho * wo);
  const [plane, rest] = divide(src, out.flat, 'hw', ho * wo);
  const [oy, ox] = divide(src, rest, 'wo', wo);
  const planeStart = { strides: x.strides.slice(0, 2), offset: x.offset };
  const [base] = walk(src, plane, [n, c], [planeStart], ['x'], 'p');
  const xh = src.constant('xh', x.strides[2] as number);
  const xw = src.constant('xw', x.strides[3] as number);
  const top = src.let(
    `${oy} * ${src.constant('sh', p.stride[0])} - ${src.constant('ph', p.padding[0])}`,
    'r',
  );
  const left = src.let(
    `${ox} * ${src.constant('sw', p.stride[1])} - ${src.constant('pw', p.padding[1])}`,
    'r',
  );
  const height = src.constant('h', h);
  const width = src.constant('w', w);
  // the best value so far and its index; found: a position inside was met; done: a NaN was taken
  const best = src.variable('0', 'm');
  const index = src.variable('0', 'm');
  const found = src.variable('0', 'm');
  const done = src.variable('0', 'm');
  src.block(`for (let i = 0; i < ${src.constant('kh', kh)}; i++)`, () => {
    const r = src.let(`${top} + i * ${src.constant('dh', p.dilation[0])}`, 'r');
    const rowOk = src.let(`(${r} >= 0 && ${r} < ${height}) ? 1 : 0`, 'ok');
    src.block(`for (let j = 0; j < ${src.constant('kw', kw)}; j++)`, () => {
      const q = src.let(`${left} + j * ${src.constant('dw', p.dilation[1])}`, 'r');
      const ok = src.let(`(${rowOk} == 1 && ${q} >= 0 && ${q} < ${width}) ? 1 : 0`, 'ok');
      // outside, the address is x's first element (always there), and the value is not used
      const at = src.let(`${ok} == 1 ? ${base} + ${r} * ${xh} + ${q} * ${xw} : 0`, 'at');
      const v = src.let(`x[${at}]`, 'x');
      const take = src.let(
        `(${ok} == 1 && ${done} == 0 && (${found} == 0 || ${v} != ${v} || ${v} > ${best})) ? 1 : 0`,
        't',
      );
      src.line(`${best} = ${take} == 1 ? ${v} : ${best};`);
      src.line(`${index} = ${take} == 1 ? ${r} * ${width} + ${q} : ${index};`);
      src.line(`${found} = ${take} == 1 ? 1 : ${found};`);
      src.line(`${done} = (${take} == 1 && ${v} != ${v}) ? 1 : ${done};`);
    });
  });
  const result = want === 'values' ? float(best) : int(intFromIndex(src, index));
  return { source: src, result: out.result(result), length: out.length };
}
