import type { Pool2dParams, Shape, View } from '@nabla/backend';
import { numel } from '@nabla/backend';
import { divide } from '../codegen/grid.js';
import { walk } from '../codegen/index-math.js';
import { KernelSource } from '../codegen/kernel-source.js';
import { viewKey } from '../codegen/signature.js';
import { readElement } from '../codegen/values.js';
import type { Plan } from '../device.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';

/**
 * The gradient of {@link maxPool2d} (`max_pool2d_with_indices_backward`): each output gradient
 * added into the input position its index names. One thread per input element visits the
 * windows that cover it (at most `kH * kW`, in the output's row-major order, so the sum rounds
 * as a sequential scatter does) and adds the gradient of each whose stored index is its own:
 * overlapping windows need no atomics or scatter.
 *
 * grad: [N, C, Ho, Wo], indices: [N, C, Ho, Wo] (int32) -> inputShape [N, C, H, W]
 */
export function maxPool2dBackward(
  ctx: KernelContext,
  grad: View<GpuBuffer>,
  indices: View<GpuBuffer>,
  inputShape: Shape,
  p: Pool2dParams,
): GpuBuffer {
  const size = numel(inputShape);
  if (size === 0) return ctx.output('float32', 0, new Float32Array(0));
  if (numel(grad.shape) === 0) return ctx.fill('float32', size, 0);
  const signature = [
    'max-pool2d-backward',
    viewKey(grad),
    viewKey(indices),
    `[${inputShape.join()}]`,
    JSON.stringify(p),
  ].join(' ');
  const plan = (): Plan => backwardPlan(grad, indices, inputShape, p);
  const data = ctx.device.run(signature, plan, [grad.buffer.data, indices.buffer.data]);
  return ctx.output('float32', size, data);
}

function backwardPlan(
  grad: View<GpuBuffer>,
  indices: View<GpuBuffer>,
  inputShape: Shape,
  p: Pool2dParams,
): Plan {
  const [n, c, h, w] = inputShape as [number, number, number, number];
  const [ho, wo] = p.outSize;
  const [kh, kw] = p.kernel;
  const src = new KernelSource(['g', 'ix']);
  const flat = src.let('this.thread.x', 'i');
  const [plane, target] = divide(src, flat, 'hw', h * w);
  const [y, x] = divide(src, target, 'w', w);
  const planeStart = (v: View<GpuBuffer>) => ({ strides: v.strides.slice(0, 2), offset: v.offset });
  const [gBase, iBase] = walk(
    src,
    plane,
    [n, c],
    [planeStart(grad), planeStart(indices)],
    ['g', 'ix'],
    'p',
  );
  // the output row (column) whose window row i covers input row y, and whether there is one
  const cover = (at: string, k: string, axis: 0 | 1, outSize: number): [string, string] => {
    const t = src.let(
      `${at} + ${src.constant(`p${axis}`, p.padding[axis])} - ${k} * ${src.constant(`d${axis}`, p.dilation[axis])}`,
      't',
    );
    const s = src.constant(`s${axis}`, p.stride[axis]);
    const o = src.let(`Math.floor(${t} / ${s})`, 'o');
    const bound = src.constant(`o${axis}`, outSize);
    return [o, src.let(`(${t} >= 0 && ${o} * ${s} == ${t} && ${o} < ${bound}) ? 1 : 0`, 'ok')];
  };
  const sum = src.variable('0', 's');
  // window rows (columns) from the last: output rows (columns) in increasing order
  src.block(`for (let a = 0; a < ${src.constant('kh', kh)}; a++)`, () => {
    const i = src.let(`${src.constant('kh1', kh - 1)} - a`, 'k');
    const [oy, rowOk] = cover(y, i, 0, ho);
    src.block(`for (let b = 0; b < ${src.constant('kw', kw)}; b++)`, () => {
      const j = src.let(`${src.constant('kw1', kw - 1)} - b`, 'k');
      const [ox, colOk] = cover(x, j, 1, wo);
      const ok = src.let(`${rowOk} * ${colOk}`, 'ok');
      // outside, the addresses are the buffers' first elements, and the values are not used
      const gAt = src.let(
        `${ok} == 1 ? ${gBase} + ${oy} * ${src.constant('gh', grad.strides[2] as number)} + ${ox} * ${src.constant('gw', grad.strides[3] as number)} : 0`,
        'at',
      );
      const iAt = src.let(
        `${ok} == 1 ? ${iBase} + ${oy} * ${src.constant('ih', indices.strides[2] as number)} + ${ox} * ${src.constant('iw', indices.strides[3] as number)} : 0`,
        'at',
      );
      const index = readElement(src, 'ix', 'int32', iAt, indices.buffer.size);
      if (index.kind !== 'int') throw new Error('max-pool2d-backward: indices must be int32');
      const hit = src.let(
        `(${ok} == 1 && ${index.hi} * 65536 + ${index.lo} == ${target}) ? 1 : 0`,
        'h',
      );
      const v = src.let(`g[${gAt}]`, 'g');
      src.line(`${sum} = ${hit} == 1 ? ${sum} + ${v} : ${sum};`);
    });
  });
  return { source: src, result: sum, length: numel(inputShape) };
}
