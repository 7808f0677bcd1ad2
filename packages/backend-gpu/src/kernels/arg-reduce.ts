import type { ArgReduceOp, View } from '@nabla/backend';
import { numel } from '@nabla/backend';
import { walk } from '../codegen/index-math.js';
import { intAssign, intFromIndex, intLess, intSelect, intVariable } from '../codegen/int32.js';
import { KernelSource } from '../codegen/kernel-source.js';
import { viewKey } from '../codegen/signature.js';
import { int, Output, readElement, type Value } from '../codegen/values.js';
import type { Plan } from '../device.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';

/**
 * The int32 index along `axis` of the largest (`argmax`) or smallest (`argmin`) element,
 * keeping `axis` as size 1. Mirrors `torch.argmax` / `torch.argmin` with `keepdim=True`: the
 * first index wins on ties, a NaN counts as the extreme for both ops (the first NaN wins), and
 * "first" is in the view's order. An empty axis gives 0 (PyTorch raises).
 *
 * x: [..., n, ...] -> [..., 1, ...] (int32)
 */
export function argReduce(
  ctx: KernelContext,
  op: ArgReduceOp,
  x: View<GpuBuffer>,
  axis: number,
): GpuBuffer {
  const outShape = x.shape.map((s, d) => (d === axis ? 1 : s));
  const size = numel(outShape);
  const n = x.shape[axis] as number;
  if (size === 0) return ctx.output('int32', 0, new Float32Array(0));
  if (n === 0) return ctx.fill('int32', size, 0);

  const signature = `${op} ${axis} ${viewKey(x)}`;
  const plan = (): Plan => argReducePlan(op, x, axis, outShape);
  return ctx.output('int32', size, ctx.device.run(signature, plan, [x.buffer.data]));
}

/** The source of one arg-reduce kernel: one thread per output element, a loop along `axis`. */
function argReducePlan(
  op: ArgReduceOp,
  x: View<GpuBuffer>,
  axis: number,
  outShape: readonly number[],
): Plan {
  const src = new KernelSource(['x']);
  const out = new Output(src, 'int32', numel(outShape));
  const n = x.shape[axis] as number;
  const [base] = walk(src, out.flat, outShape, [x], ['x']);
  const read = (at: string): Value => readElement(src, 'x', x.buffer.dtype, at, x.buffer.size);
  const first = read(base as string);
  const bestIndex = src.variable('0', 'w');
  const step = src.constant('xa', x.strides[axis] as number);
  const k = src.fresh('k');
  const loop = (body: (v: Value) => string): void =>
    src.block(`for (let ${k} = 1; ${k} < ${src.constant('xan', n)}; ${k}++)`, () => {
      const take = body(read(src.let(`${base} + ${k} * ${step}`, 'at')));
      // `k / 1`: the loop counter as a float (GLSL's ?: wants both sides of one type)
      src.line(`${bestIndex} = ${take} == 1 ? ${k} / 1 : ${bestIndex};`);
    });

  if (first.kind === 'int') {
    const best = intVariable(src, first);
    loop((v) => {
      if (v.kind !== 'int') return '0';
      const take = src.let(`${op === 'argmax' ? intLess(best, v) : intLess(v, best)} ? 1 : 0`);
      intAssign(src, best, intSelect(src, `${take} == 1`, v, best));
      return take;
    });
  } else {
    // float32 / bool: once a NaN is taken nothing replaces it
    const best = src.variable(first.x, 'm');
    const done = src.variable(`${first.x} != ${first.x} ? 1 : 0`, 'd');
    const cmp = op === 'argmax' ? '>' : '<';
    loop((v) => {
      const y = v.kind === 'float' ? v.x : '0';
      const take = src.let(`(${done} == 0 && (${y} != ${y} || ${y} ${cmp} ${best})) ? 1 : 0`);
      src.line(`${best} = ${take} == 1 ? ${y} : ${best};`);
      src.line(`${done} = (${take} == 1 && ${y} != ${y}) ? 1 : ${done};`);
      return take;
    });
  }
  return { source: src, result: out.result(int(intFromIndex(src, bestIndex))), length: out.length };
}
