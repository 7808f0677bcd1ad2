import type { Conv2dParams, View } from '@nabla/backend';
import { CompensatedSum } from '../codegen/compensated-sum.js';
import { divide, gridIndex } from '../codegen/grid.js';
import { KernelSource } from '../codegen/kernel-source.js';
import { viewKey } from '../codegen/signature.js';
import type { Plan } from '../device.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';
import type { Planes } from './pad-planes.js';

/**
 * Where a {@link correlate} reads. Output `[n][o][y][x]` of channel group `g = o / (O / groups)`
 * sums, over `k < window[0]`, `i < window[1]`, `j < window[2]`, input
 * `[n][g * window[0] + k][y * stride[0] + i * dilation[0] + origin[0]][x * ... + origin[1]]`
 * times the weight at `weightOffset + o * w[0] + g * w[1] + k * w[2] + i * w[3] + j * w[4]`
 * (`w` = `weightStrides`), so one kernel runs both a convolution (weight `[O, C/g, kH, kW]`)
 * and its input gradient (the weight read transposed within each group).
 */
export interface Correlation {
  /** `[N, O, Ho, Wo]`. */
  readonly out: readonly [number, number, number, number];
  readonly groups: number;
  /** `[channels per group, kH, kW]`: what each output element sums over. */
  readonly window: readonly [number, number, number];
  readonly stride: readonly [number, number];
  /** May be negative (the input gradient walks its windows backwards). */
  readonly dilation: readonly [number, number];
  readonly origin: readonly [number, number];
  readonly weightStrides: readonly [number, number, number, number, number];
  readonly weightOffset: number;
}

/**
 * The {@link Correlation} of `conv2d(x, weight)` with `x: [N, ...]`: `weight: [O, C / groups,
 * kH, kW]` read through its strides, the window's origin at the planes' corner (the planes are
 * padded so that the windows start inside them).
 */
export function convCorrelation(n: number, weight: View<GpuBuffer>, p: Conv2dParams): Correlation {
  const [o, cg, kh, kw] = weight.shape as [number, number, number, number];
  const [w0, w1, w2, w3] = weight.strides as [number, number, number, number];
  return {
    out: [n, o, ...p.outSize],
    groups: p.groups,
    window: [cg, kh, kw],
    stride: p.stride,
    dilation: p.dilation,
    origin: [0, 0],
    weightStrides: [w0, 0, w1, w2, w3],
    weightOffset: weight.offset,
  };
}

/**
 * Kernel source shared by the correlation kernels: where output channel `channel` (of channel
 * group `group`) starts reading the weight, and the value its sums start from (`bias[o]`, or 0).
 */
export function outputChannel(
  src: KernelSource,
  geometry: Correlation,
  bias: Pick<View<GpuBuffer>, 'strides' | 'offset'> | null,
  channel: string,
  group: string,
): { wBase: string; init: string } {
  const ws = geometry.weightStrides;
  const wBase = src.let(
    [
      src.constant('wof', geometry.weightOffset),
      `${channel} * ${src.constant('wc', ws[0])}`,
      `${group} * ${src.constant('wg', ws[1])}`,
    ].join(' + '),
    'at',
  );
  const init =
    bias === null
      ? '0'
      : `b[${src.constant('bo', bias.offset)} + ${channel} * ${src.constant('bs', bias.strides[0] as number)}]`;
  return { wBase, init };
}

/**
 * The windowed sum of products behind conv2d and its input gradient: one thread per output
 * element, summing `window[0] * window[1] * window[2]` products in three constant-bound loops,
 * compensated (Kahan) as matmul's dot products are, starting from `bias[o]` when given. The
 * input is {@link Planes} (padded beforehand where windows reach outside), so no product needs
 * a bounds check. Where the device runs 2-D kernels, a row is one `(n, o)` pair and a column
 * one output position: the weight is then the same for the four threads of a webasm SIMD step.
 *
 * input: [N, C, *, *], weight: see {@link Correlation} -> [N, O, Ho, Wo] (float32)
 */
export function correlate(
  ctx: KernelContext,
  name: string,
  input: Planes,
  weight: View<GpuBuffer>,
  bias: View<GpuBuffer> | null,
  geometry: Correlation,
): GpuBuffer {
  const [n, o, ho, wo] = geometry.out;
  const size = n * o * ho * wo;
  const biasKey = bias === null ? 'none' : viewKey(bias);
  const signature = [
    name,
    ctx.device.twoD,
    input.key,
    viewKey(weight),
    biasKey,
    JSON.stringify(geometry),
  ].join(' ');
  const plan = (): Plan => correlatePlan(ctx.device.twoD, input, bias, geometry);
  const args = [input.data, weight.buffer.data];
  if (bias !== null) args.push(bias.buffer.data);
  return ctx.output('float32', size, ctx.device.run(signature, plan, args));
}

/**
 * The one-output-per-thread kernel of {@link correlate} (exported for benchmarks that compile
 * it outside a backend). `twoD`: a row per `(n, o)`, a column per output position.
 */
export function correlatePlan(
  twoD: boolean,
  input: Pick<Planes, 'strides' | 'offset'>,
  bias: Pick<View<GpuBuffer>, 'strides' | 'offset'> | null,
  geometry: Correlation,
): Plan {
  const { out, groups, window, stride, dilation, origin, weightStrides: ws } = geometry;
  const [n, o, ho, wo] = out;
  const src = new KernelSource(bias === null ? ['x', 'w'] : ['x', 'w', 'b']);
  const [xn, xc, xh, xw] = input.strides;
  const { row, col } = gridIndex(src, twoD, ho * wo);
  const [batch, channel] = divide(src, row, 'o', o);
  const group = src.let(`Math.floor(${channel} / ${src.constant('og', o / groups)})`, 'g');
  const [y, x] = divide(src, col, 'wo', wo);
  // input [n][g * kc][y * stride + origin][x * stride + origin]
  const xBase = src.let(
    [
      src.constant('xo', input.offset + origin[0] * xh + origin[1] * xw),
      `${batch} * ${src.constant('xn', xn)}`,
      `${group} * ${src.constant('xg', window[0] * xc)}`,
      `${y} * ${src.constant('xy', stride[0] * xh)}`,
      `${x} * ${src.constant('xx', stride[1] * xw)}`,
    ].join(' + '),
    'at',
  );
  const { wBase, init } = outputChannel(src, geometry, bias, channel, group);
  const sum = new CompensatedSum(src, init);
  const [kc, kh, kw] = window;
  src.block(`for (let k = 0; k < ${src.constant('kc', kc)}; k++)`, () => {
    const xk = src.let(`${xBase} + k * ${src.constant('xk', xc)}`, 'at');
    const wk = src.let(`${wBase} + k * ${src.constant('wk', ws[2])}`, 'at');
    src.block(`for (let i = 0; i < ${src.constant('kh', kh)}; i++)`, () => {
      const xi = src.let(`${xk} + i * ${src.constant('xi', dilation[0] * xh)}`, 'at');
      const wi = src.let(`${wk} + i * ${src.constant('wi', ws[3])}`, 'at');
      src.block(`for (let j = 0; j < ${src.constant('kw', kw)}; j++)`, () => {
        const xj = `${xi} + j * ${src.constant('xj', dilation[1] * xw)}`;
        const wj = `${wi} + j * ${src.constant('wj', ws[4])}`;
        sum.add(`x[${xj}] * w[${wj}]`);
      });
    });
  });
  return { source: src, result: sum.result(), length: n * o * ho * wo, rows: n * o };
}
