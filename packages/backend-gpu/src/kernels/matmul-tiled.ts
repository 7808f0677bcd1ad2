import type { View } from '@nabla/backend';
import { numel } from '@nabla/backend';
import type { Layout } from '../codegen/index-math.js';
import { KernelSource } from '../codegen/kernel-source.js';
import { viewKey } from '../codegen/signature.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';
import { matmulRowStarts } from './matmul-rows.js';
import { runVectorKernel, TILE } from './vector-kernel.js';

/** An operand of a matrix product as the kernel sees it: no buffer, only its layout. */
export interface MatmulOperand extends Layout {
  readonly shape: readonly number[];
}

/**
 * How each output's sum is kept: `'block'` adds each thread's four products of one step over K
 * pairwise, `(p0 + p1) + (p2 + p3)`, and compensates the sum of those blocks (Kahan); `'term'`
 * compensates every product, as the one-output kernel of matmul.ts does.
 */
export type TiledSum = 'block' | 'term';

/** The source of a tiled kernel and how to launch it. */
export interface TiledPlan {
  readonly source: KernelSource;
  /** The returned expression: `[c0, c1, c2, c3]`, the thread's four outputs. */
  readonly result: string;
  /** gpu.js `output`: `[ceil(N / 4), rows]` where 2-D outputs are asked for, else `[threads]`. */
  readonly output: [number] | [number, number];
  /** Rows of the product, `batch * M`. */
  readonly rows: number;
  readonly n: number;
  /** Column groups per row, `ceil(N / 4)`. */
  readonly groups: number;
}

/**
 * The kernel source of a batched matrix product in which each thread computes four adjacent
 * outputs of one row, `c[row, 4q .. 4q + 3]`, and returns them as one vector (gpu.js
 * `Array(4)`: a vec4 in GLSL and WGSL). Over K it steps four at a time: it loads four values
 * of a's row and a 4 x 4 block of b, and uses each value of a for four outputs, so it reads
 * 1.25 values per product where the one-output kernel reads 2, and has four independent sums
 * in flight. Columns past N (when 4 does not divide N) repeat the last column and are dropped
 * by the caller; K's remainder (K mod 4) is unrolled after the loop.
 *
 * Operands are read through their strides (transposed, broadcast, offset views cost no
 * copy), with every size, stride and offset a constant. `twoD`: rows run over
 * `this.thread.y` (host modes), else one flat thread index.
 *
 * a: [..., M, K], b: [..., K, N] -> outputs [batch * M, ceil(N / 4) * 4]
 */
export function tiledMatmulPlan(
  a: MatmulOperand,
  b: MatmulOperand,
  twoD: boolean,
  sum: TiledSum = 'block',
): TiledPlan {
  const r = a.shape.length;
  const m = a.shape[r - 2] as number;
  const k = a.shape[r - 1] as number;
  const n = b.shape[b.shape.length - 1] as number;
  const batchShape = a.shape.slice(0, r - 2);
  const rows = numel(batchShape) * m;
  const groups = Math.ceil(n / TILE);

  const src = new KernelSource(['a', 'b']);
  const g = src.constant('g', groups);
  const row = twoD ? 'this.thread.y' : src.let(`Math.floor(this.thread.x / ${g})`, 'row');
  const q = twoD ? 'this.thread.x' : src.let(`this.thread.x - ${row} * ${g}`, 'q');
  const [aRow, bStart] = matmulRowStarts(src, row, a, b);
  const ak = a.strides[r - 1] as number;
  const bk = b.strides[r - 2] as number;
  const bn = b.strides[r - 1] as number;
  // the thread's four column positions in b (the last column repeated past N)
  const j0 = src.let(`${q} * ${TILE}`, 'j');
  const last = src.constant('nl', n - 1);
  const bnC = bn === 1 ? '' : ` * ${src.constant('bn', bn)}`;
  const cols = Array.from({ length: TILE }, (_, c) => {
    const j = c === 0 ? j0 : `Math.min(${j0} + ${c}, ${last})`;
    return src.let(`${bStart} + ${j}${bnC}`, 'bc');
  });

  // per output: the compensated sum s with its error term e, and the plain sum p, which says
  // whether an inf or NaN was met (the compensation turns inf - inf into NaN)
  const acc = cols.map(() => ({
    s: src.variable('0', 's'),
    e: src.variable('0', 's'),
    p: src.variable('0', 's'),
  }));
  const addTo = (o: (typeof acc)[number], term: string): void => {
    const x = src.let(term, 'x');
    src.line(`${o.p} += ${x};`);
    const y = src.let(`${x} - ${o.e}`, 'y');
    const t = src.let(`${o.s} + ${y}`, 'y');
    src.line(`${o.e} = (${t} - ${o.s}) - ${y};`);
    src.line(`${o.s} = ${t};`);
  };
  /** One step over K: `count` values of a's row from `pa`, `count` rows of b from `pb`. */
  const step = (pa: string, pb: string, count: number): void => {
    const av = Array.from({ length: count }, (_, i) =>
      src.let(`a[${pa}${i === 0 ? '' : ` + ${src.constant(`ak${i}`, ak * i)}`}]`, 'a'),
    );
    const bRows = Array.from({ length: count }, (_, i) =>
      i === 0 ? pb : src.let(`${pb} + ${src.constant(`bk${i}`, bk * i)}`, 'pb'),
    );
    acc.forEach((o, c) => {
      const products = av.map((x, i) => src.let(`${x} * b[${bRows[i]} + ${cols[c]}]`, 'x'));
      if (sum === 'term' || count === 1) {
        for (const x of products) addTo(o, x);
      } else {
        addTo(o, pairwise(products));
      }
    });
  };

  const steps = Math.floor(k / TILE);
  const pa = src.variable(aRow, 'pa');
  const pb = src.variable('0', 'pb');
  if (steps > 0) {
    src.block(`for (let p = 0; p < ${src.constant('steps', steps)}; p++)`, () => {
      step(pa, pb, TILE);
      src.line(`${pa} += ${src.constant(`ak${TILE}`, ak * TILE)};`);
      src.line(`${pb} += ${src.constant(`bk${TILE}`, bk * TILE)};`);
    });
  }
  if (k % TILE > 0) step(pa, pb, k % TILE);
  const result = `[${acc.map((o) => `${o.p} - ${o.p} == 0 ? ${o.s} : ${o.p}`).join(', ')}]`;
  const output: TiledPlan['output'] = twoD ? [groups, rows] : [groups * rows];
  return { source: src, result, output, rows, n, groups };
}

/** `(x0 + x1) + (x2 + x3)`, a pairwise sum of 1 to 4 terms. */
function pairwise(xs: readonly string[]): string {
  if (xs.length === 1) return xs[0] as string;
  if (xs.length === 2) return `(${xs[0]} + ${xs[1]})`;
  if (xs.length === 3) return `((${xs[0]} + ${xs[1]}) + ${xs[2]})`;
  return `((${xs[0]} + ${xs[1]}) + (${xs[2]} + ${xs[3]}))`;
}

/**
 * The same product as `matmul`, computed by the kernel of {@link tiledMatmulPlan}: four
 * outputs per thread, K in steps of four. The vector results are laid out `[rows, 4 *
 * ceil(N / 4)]`; in host modes (webasm, cpu) they are copied into a flat `[rows, N]` array (no
 * copy at all in webasm when 4 divides N), in GL modes a second kernel unpacks the vec4
 * texture into the backend's one-float-per-element texture (M * N reads, against M * N * K
 * products).
 *
 * a: [..., M, K], b: [..., K, N] -> [..., M, N] (K >= 1 and M * N >= 1)
 */
export function matmulTiled(
  ctx: KernelContext,
  a: View<GpuBuffer>,
  b: View<GpuBuffer>,
  sum: TiledSum = 'block',
): GpuBuffer {
  const device = ctx.device;
  if (device.mode === 'webgpu') {
    // gpu.js's webgpu kernels return Promises; the device queues its own launches there
    throw new Error("matmul: the tiled kernel does not run in the backend's webgpu mode yet");
  }
  const signature = `matmul-tiled ${sum} ${device.twoD} ${viewKey(a)} ${viewKey(b)}`;
  const r = a.shape.length;
  const rows = numel(a.shape.slice(0, r - 1));
  const n = b.shape[b.shape.length - 1] as number;
  const args = [a.buffer.data, b.buffer.data] as Float32Array[];
  const plan = () => tiledMatmulPlan(a, b, device.twoD, sum);
  return runVectorKernel(ctx, signature, plan, args, rows, n);
}
