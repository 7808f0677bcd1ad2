import type { View } from '@nabla/backend';
import { numel } from '@nabla/backend';
import { KernelSource } from '../codegen/kernel-source.js';
import { viewKey } from '../codegen/signature.js';
import type { Plan } from '../device.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';
import type { GpuMode } from '../mode.js';
import { matmulRowStarts } from './matmul-rows.js';
import { type MatmulOperand, matmulTiled } from './matmul-tiled.js';

/**
 * Which kernel computes a product: `'auto'` takes the tiled one ({@link matmulTiled}: four
 * outputs per thread) in {@link TILED_MODES}, for products of at least {@link TILED_MIN_WORK}
 * multiply-adds with N >= 4, and the one-output kernel otherwise; `'simple'` and `'tiled'`
 * force one (tests, benchmarks).
 */
export type MatmulPath = 'auto' | 'simple' | 'tiled';

/**
 * Modes where `'auto'` takes the tiled kernel: the GL modes, where a GPU runs it. The CPU modes
 * keep the one-output kernel (there the CPU backend is the fast one), and `webgpu` too: its
 * launches are asynchronous (queued Promises), and the tiled kernel, which compiles and launches
 * its vec4 kernel itself, does not go through that queue yet.
 */
export const TILED_MODES: readonly GpuMode[] = ['webgl2', 'webgl', 'headlessgl'];

/** Multiply-adds (batch * M * N * K) from which `'auto'` takes the tiled kernel: 64^3. */
export const TILED_MIN_WORK = 64 ** 3;

/**
 * Batched matrix product of float32 views, `torch.matmul` for operands of two or more
 * dimensions with equal batch dimensions (broadcast batches arrive as stride-0 views). One
 * thread per output element runs the dot product over K (a constant bound), reading both
 * operands through their strides, so transposed operands cost no copy. The sum is compensated
 * (Kahan), so float32 modes lose no accuracy to K (only each product rounds), for about 12% of
 * webasm's time; cpu mode computes in doubles. NaN and inf propagate (no zero is skipped).
 *
 * Where the device allows 2-D outputs (webasm, cpu), a thread's row is `this.thread.y`: each
 * row of `a` is then read once per vector of outputs (webasm runs four columns per SIMD step).
 * Large products in the GL modes go to the tiled kernel instead (see {@link MatmulPath}).
 *
 * a: [..., M, K], b: [..., K, N] -> [..., M, N]
 */
export function matmul(
  ctx: KernelContext,
  a: View<GpuBuffer>,
  b: View<GpuBuffer>,
  path: MatmulPath = 'auto',
): GpuBuffer {
  const r = a.shape.length;
  const m = a.shape[r - 2] as number;
  const k = a.shape[r - 1] as number;
  const n = b.shape[b.shape.length - 1] as number;
  const batchShape = a.shape.slice(0, r - 2);
  const size = numel(batchShape) * m * n;
  if (size === 0) return ctx.output('float32', 0, new Float32Array(0));
  if (k === 0) return ctx.fill('float32', size, 0);

  const tiled =
    path === 'tiled' ||
    (path === 'auto' &&
      TILED_MODES.includes(ctx.device.mode) &&
      n >= 4 &&
      size * k >= TILED_MIN_WORK);
  if (tiled) return matmulTiled(ctx, a, b);

  const signature = `matmul ${ctx.device.twoD} ${viewKey(a)} ${viewKey(b)}`;
  const plan = (): Plan => matmulPlan(a, b, ctx.device.twoD);
  const data = ctx.device.run(signature, plan, [a.buffer.data, b.buffer.data]);
  return ctx.output('float32', size, data);
}

/**
 * The one-output-per-thread kernel of {@link matmul} (exported for benchmarks that compile it
 * outside a backend). `twoD`: rows run over `this.thread.y`.
 */
export function matmulPlan(a: MatmulOperand, b: MatmulOperand, twoD: boolean): Plan {
  const r = a.shape.length;
  const m = a.shape[r - 2] as number;
  const k = a.shape[r - 1] as number;
  const n = b.shape[b.shape.length - 1] as number;
  const batchShape = a.shape.slice(0, r - 2);
  const size = numel(batchShape) * m * n;
  const rows = numel(batchShape) * m;
  const src = new KernelSource(['a', 'b']);
  const cols = src.constant('n', n);
  const row = twoD ? 'this.thread.y' : src.let(`Math.floor(this.thread.x / ${cols})`, 'row');
  const j = twoD ? 'this.thread.x' : src.let(`this.thread.x - ${row} * ${cols}`, 'col');
  // rows run over [...batch, M]: a's row and b's matrix start there
  const [aRow, bStart] = matmulRowStarts(src, row, a, b);
  const ak = src.constant('ak', a.strides[r - 1] as number);
  const bk = src.constant('bk', b.strides[r - 2] as number);
  const bn = b.strides[r - 1] as number;
  // unit-stride columns as `... + this.thread.x`: webasm loads four columns at once
  const column = bn === 1 ? j : `${j} * ${src.constant('bn', bn)}`;
  // Kahan-compensated dot product (s, with error term c) beside the plain sum p, which
  // says whether an inf or NaN was met: the compensation turns inf - inf into NaN
  const s = src.variable('0', 's');
  const c = src.variable('0', 's');
  const sum = src.variable('0', 's');
  src.block(`for (let p = 0; p < ${src.constant('k', k)}; p++)`, () => {
    const prod = src.let(`a[${aRow} + p * ${ak}] * b[${bStart} + p * ${bk} + ${column}]`, 'x');
    src.line(`${sum} += ${prod};`);
    const y = src.let(`${prod} - ${c}`, 'y');
    const t = src.let(`${s} + ${y}`, 'y');
    src.line(`${c} = (${t} - ${s}) - ${y};`);
    src.line(`${s} = ${t};`);
  });
  return { source: src, result: `${sum} - ${sum} == 0 ? ${s} : ${sum}`, length: size, rows };
}
