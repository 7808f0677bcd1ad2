import type { Conv2dParams, View } from '@nabla/backend';
import { CompensatedSum } from '../codegen/compensated-sum.js';
import { divide, gridIndex } from '../codegen/grid.js';
import { KernelSource } from '../codegen/kernel-source.js';
import { viewKey } from '../codegen/signature.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';
import { type Correlation, convCorrelation, outputChannel } from './correlate.js';
import { type Planes, releasePlanes, windowPlanes } from './pad-planes.js';
import { runVectorKernel, TILE } from './vector-kernel.js';

/** Where the tiled kernel reads its input: a layout, no array (benchmarks build plans alone). */
export type PlanesLayout = Pick<Planes, 'strides' | 'offset'>;

/** A bias operand as the kernel reads it: `b[offset + o * strides[0]]`. */
export interface BiasLayout {
  readonly strides: readonly number[];
  readonly offset: number;
}

/** The source of a tiled correlation kernel and how to launch it. */
export interface TiledCorrelationPlan {
  readonly source: KernelSource;
  /** The returned expression: `[c0, c1, c2, c3]`, the thread's four outputs. */
  readonly result: string;
  /** gpu.js `output`: `[Ho * groups, N * O]` for 2-D launches, else `[threads]`. */
  readonly output: [number] | [number, number];
  /** Output rows `N * O * Ho`, each of `Wo` outputs. */
  readonly rows: number;
  readonly width: number;
  /** Column groups per output row, `ceil(Wo / 4)`. */
  readonly groups: number;
  /** Input loads per thread and per window row (`kw` weights, the distinct input columns). */
  readonly loadsPerRow: number;
}

/**
 * The kernel of a {@link Correlation} (see correlate.ts) in which each thread computes four
 * adjacent outputs of one output row, `[n][o][y][4q .. 4q + 3]`, and returns them as one vector
 * (gpu.js `Array(4)`). Per window row (a channel `k` and a tap row `i`) it loads the `kw` weights
 * once for its four outputs, and each input column once: output `4q + c` meets column
 * `c * stride + j * dilation` (from the thread's first column) at tap `j`, and those offsets
 * repeat across `c` whenever the stride is smaller than the window's width: with stride 1 and a
 * 3-wide window, 6 input values serve 12 products (the one-output kernel loads 24 values for
 * them: 2 per product; here 9 loads, 0.75 per product). Four output channels at one position,
 * the other choice, would load 1 input and 4 weights per 4 products (1.25 per product) whatever
 * the window; for a `1 x 1` window both load 1.25.
 *
 * Every output keeps its own compensated sum (Kahan, {@link CompensatedSum}) and adds the same
 * products in the same order as the one-output kernel, so in the host modes (webasm, cpu) the
 * results are the same to the bit; NaN and inf propagate as there. Columns past `Wo` (when 4
 * does not divide it) read columns the caller's planes must hold (see {@link conv2dTiled}), and
 * are dropped.
 *
 * input: [N, C, *, *], weight: see {@link Correlation} -> vectors [N * O * Ho, ceil(Wo / 4)]
 */
export function tiledCorrelationPlan(
  twoD: boolean,
  input: PlanesLayout,
  bias: BiasLayout | null,
  geometry: Correlation,
): TiledCorrelationPlan {
  const { out, groups, window, stride, dilation, origin, weightStrides: ws } = geometry;
  const [n, o, ho, wo] = out;
  const [kc, kh, kw] = window;
  const cols = Math.ceil(wo / TILE);
  const src = new KernelSource(bias === null ? ['x', 'w'] : ['x', 'w', 'b']);
  const [xn, xc, xh, xw] = input.strides;
  const { row, col } = gridIndex(src, twoD, ho * cols);
  const [batch, channel] = divide(src, row, 'o', o);
  const group = src.let(`Math.floor(${channel} / ${src.constant('og', o / groups)})`, 'g');
  const [y, q] = divide(src, col, 'gq', cols);
  // input [n][g * kc][y * stride + origin][4q * stride + origin]
  const xBase = src.let(
    [
      src.constant('xo', input.offset + origin[0] * xh + origin[1] * xw),
      `${batch} * ${src.constant('xn', xn)}`,
      `${group} * ${src.constant('xg', kc * xc)}`,
      `${y} * ${src.constant('xy', stride[0] * xh)}`,
      `${q} * ${src.constant('xq', TILE * stride[1] * xw)}`,
    ].join(' + '),
    'at',
  );
  const channelStart = outputChannel(src, geometry, bias, channel, group);
  const wBase = channelStart.wBase;
  // four sums start from it: computed once
  const init = bias === null ? '0' : src.let(channelStart.init, 'b');
  const sums = Array.from({ length: TILE }, () => new CompensatedSum(src, init));
  // the input columns the four outputs' taps read, relative to the thread's first column
  const offsetOf = (c: number, j: number): number => c * stride[1] + j * dilation[1];
  const offsets = [
    ...new Set(Array.from({ length: TILE * kw }, (_, t) => offsetOf(Math.floor(t / kw), t % kw))),
  ].sort((a, b) => a - b);
  src.block(`for (let k = 0; k < ${src.constant('kc', kc)}; k++)`, () => {
    const xk = src.let(`${xBase} + k * ${src.constant('xk', xc)}`, 'at');
    const wk = src.let(`${wBase} + k * ${src.constant('wk', ws[2])}`, 'at');
    src.block(`for (let i = 0; i < ${src.constant('kh', kh)}; i++)`, () => {
      const xi = src.let(`${xk} + i * ${src.constant('xi', dilation[0] * xh)}`, 'at');
      const wi = src.let(`${wk} + i * ${src.constant('wi', ws[3])}`, 'at');
      const weights = Array.from({ length: kw }, (_, j) =>
        src.let(j === 0 ? `w[${wi}]` : `w[${wi} + ${src.constant(`wj${j}`, j * ws[4])}]`, 'w'),
      );
      const inputs = new Map<number, string>();
      offsets.forEach((v, at) => {
        const address = v === 0 ? xi : `${xi} + ${src.constant(`xv${at}`, v * xw)}`;
        inputs.set(v, src.let(`x[${address}]`, 'x'));
      });
      // tap by tap, the four outputs' sums interleaved (four independent chains)
      for (let j = 0; j < kw; j++) {
        sums.forEach((sum, c) => {
          sum.add(`${inputs.get(offsetOf(c, j))} * ${weights[j]}`);
        });
      }
    });
  });
  const result = `[${sums.map((s) => s.result()).join(', ')}]`;
  const output: TiledCorrelationPlan['output'] = twoD ? [ho * cols, n * o] : [n * o * ho * cols];
  return {
    source: src,
    result,
    output,
    rows: n * o * ho,
    width: wo,
    groups: cols,
    loadsPerRow: kw + offsets.length,
  };
}

/**
 * The same convolution as `conv2d` (its non-empty case), computed by the kernel of
 * {@link tiledCorrelationPlan}: four adjacent output columns per thread. The planes it reads
 * are widened to `4 * ceil(Wo / 4)` output columns (zero-padded where they pass the input), so
 * the extra outputs of the last group read inside the array; they are dropped when the vectors
 * are unpacked (host modes: copied into a flat array; GL modes: a second kernel, as the tiled
 * matmul does).
 *
 * x: [N, C, H, W], weight: [O, C / groups, kH, kW], bias: [O] | null -> [N, O, Ho, Wo]
 *
 * @throws Error in `webgpu` mode (its launches are queued Promises this kernel does not use).
 */
export function conv2dTiled(
  ctx: KernelContext,
  x: View<GpuBuffer>,
  weight: View<GpuBuffer>,
  bias: View<GpuBuffer> | null,
  p: Conv2dParams,
): GpuBuffer {
  const device = ctx.device;
  if (device.mode === 'webgpu') {
    throw new Error("conv2d: the tiled kernel does not run in the backend's webgpu mode yet");
  }
  const n = x.shape[0] as number;
  const [o, , kh, kw] = weight.shape as [number, number, number, number];
  const [ho, wo] = p.outSize;
  const cols = Math.ceil(wo / TILE);
  const planes = windowPlanes(ctx, x, [kh, kw], { ...p, outSize: [ho, cols * TILE] });
  const geometry = convCorrelation(n, weight, p);
  const rows = n * o * ho;
  try {
    const signature = [
      'conv2d-tiled',
      device.twoD,
      planes.key,
      viewKey(weight),
      bias === null ? 'none' : viewKey(bias),
      JSON.stringify(geometry),
    ].join(' ');
    const args = [planes.data, weight.buffer.data] as Float32Array[];
    if (bias !== null) args.push(bias.buffer.data as Float32Array);
    const plan = () => tiledCorrelationPlan(device.twoD, planes, bias, geometry);
    return runVectorKernel(ctx, signature, plan, args, rows, wo);
  } finally {
    releasePlanes(ctx, planes);
  }
}
