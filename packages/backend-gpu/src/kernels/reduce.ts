import type { DType, ReduceOp, View } from '@nabla/backend';
import { numel } from '@nabla/backend';
import { walk } from '../codegen/index-math.js';
import {
  type Int,
  intAdd,
  intAssign,
  intLess,
  intLiteral,
  intMul,
  intSelect,
  intVariable,
} from '../codegen/int32.js';
import { KernelSource } from '../codegen/kernel-source.js';
import { emitLoops } from '../codegen/loops.js';
import { viewKey } from '../codegen/signature.js';
import { float, int, Output, readElement, type Value } from '../codegen/values.js';
import type { Plan } from '../device.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';

/** The value of an empty reduction, per op and input dtype (as the CPU backend gives it). */
const EMPTY: Record<ReduceOp, Record<DType, number>> = {
  sum: { float32: 0, int32: 0, bool: 0 },
  prod: { float32: 1, int32: 1, bool: 1 },
  max: { float32: Number.NEGATIVE_INFINITY, int32: -2147483648, bool: 0 },
  min: { float32: Number.POSITIVE_INFINITY, int32: 2147483647, bool: 1 },
};

/**
 * Reduces `axes` of `x`, keeping them as size-1 dimensions: `torch.sum` / `torch.prod` /
 * `torch.amax` / `torch.amin` with `keepdim=True`. One thread per output element loops over
 * the reduced elements (bounds are constants). float32 sums are compensated (Kahan), so a long
 * sum stays within an ulp or so of the exact one; max / min propagate NaN; int32 sums and
 * products wrap as C's; sum / prod of bool count as int32, max / min of bool are any / all.
 * An empty reduction gives the op's identity (0, 1, -inf, +inf).
 *
 * x: [..., n, ...] -> [..., 1, ...] for each axis in `axes`
 */
export function reduce(
  ctx: KernelContext,
  op: ReduceOp,
  x: View<GpuBuffer>,
  axes: readonly number[],
): GpuBuffer {
  const inType = x.buffer.dtype;
  const dtype: DType = inType === 'bool' && (op === 'sum' || op === 'prod') ? 'int32' : inType;
  const outShape = x.shape.map((s, d) => (axes.includes(d) ? 1 : s));
  const n = numel(outShape);
  const sizes = axes.map((d) => x.shape[d] as number);
  if (n === 0) return ctx.output(dtype, 0, new Float32Array(0));
  if (numel(sizes) === 0) return ctx.fill(dtype, n, EMPTY[op][inType]);

  const signature = `reduce ${op} [${axes.join()}] ${viewKey(x)}`;
  const plan = (): Plan => reducePlan(op, x, axes, outShape, dtype);
  return ctx.output(dtype, n, ctx.device.run(signature, plan, [x.buffer.data]));
}

/** The source of one reduction kernel: one thread per output element, loops over `axes`. */
function reducePlan(
  op: ReduceOp,
  x: View<GpuBuffer>,
  axes: readonly number[],
  outShape: readonly number[],
  dtype: DType,
): Plan {
  const inType = x.buffer.dtype;
  const src = new KernelSource(['x']);
  const out = new Output(src, dtype, numel(outShape));
  const [base] = walk(src, out.flat, outShape, [x], ['x']);
  const read = (at: string): Value => readElement(src, 'x', inType, at, x.buffer.size);
  const first = read(base as string);
  const sizes = axes.map((d) => x.shape[d] as number);
  const strides = axes.map((d) => x.strides[d] as number);
  const loop = (body: (v: Value) => void): void =>
    emitLoops(src, base as string, sizes, strides, 'r', (at) => body(read(at)));
  const done = (v: Value): Plan => ({ source: src, result: out.result(v), length: out.length });

  if (first.kind === 'int') {
    const init: Int = op === 'sum' ? intLiteral(0) : op === 'prod' ? intLiteral(1) : first;
    const acc = intVariable(src, init);
    loop((v) => {
      if (v.kind !== 'int') return;
      if (op === 'sum') intAssign(src, acc, intAdd(src, acc, v));
      else if (op === 'prod') intAssign(src, acc, intMul(src, acc, v));
      else {
        const better = op === 'max' ? intLess(acc, v) : intLess(v, acc);
        intAssign(src, acc, intSelect(src, better, v, acc));
      }
    });
    return done(int(acc));
  }

  const f = (v: Value): string => (v.kind === 'float' ? v.x : '0');
  if (op === 'sum') {
    // Kahan's compensated sum s (with error term c), and the plain sum p, which says whether
    // an inf or NaN was met (the compensation turns inf - inf into NaN, p does not)
    const s = src.variable('0', 's');
    const c = src.variable('0', 's');
    const p = src.variable('0', 's');
    loop((v) => {
      src.line(`${p} = ${p} + ${f(v)};`);
      const y = src.let(`${f(v)} - ${c}`, 'y');
      const t = src.let(`${s} + ${y}`, 'y');
      src.line(`${c} = (${t} - ${s}) - ${y};`);
      src.line(`${s} = ${t};`);
    });
    return done(float(`${p} - ${p} == 0 ? ${s} : ${p}`));
  }
  if (op === 'prod') {
    const p = src.variable('1', 'p');
    loop((v) => src.line(`${p} = ${p} * ${f(v)};`));
    return done(float(p));
  }
  const m = src.variable(f(first), 'm');
  const cmp = op === 'max' ? '>' : '<';
  loop((v) => {
    const y = f(v);
    src.line(
      `${m} = ${m} != ${m} ? ${m} : (${y} != ${y} ? ${y} : (${y} ${cmp} ${m} ? ${y} : ${m}));`,
    );
  });
  return done(float(m));
}
