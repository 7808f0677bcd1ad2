import type { Conv2dParams, View } from '@nabla/backend';
import { walk } from '../codegen/index-math.js';
import { KernelSource } from '../codegen/kernel-source.js';
import { viewKey } from '../codegen/signature.js';
import type { DeviceArray, Plan } from '../device.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';

/**
 * Planes `[N, C, rows, cols]` on the device as the convolution kernels read them: element
 * `[n, c, r, q]` at `offset + n * strides[0] + c * strides[1] + r * strides[2] + q * strides[3]`,
 * every one of them inside the array (no bounds checks needed).
 */
export interface Planes {
  readonly data: DeviceArray;
  readonly strides: readonly [number, number, number, number];
  readonly offset: number;
  /** What the kernels' cache signatures need: the layout and the array's size. */
  readonly key: string;
  /** Whether `data` is a temporary array the caller frees (else a buffer's own). */
  readonly temporary: boolean;
}

/** Where {@link padPlanes} puts the input: `out[r] = x[(r - lead) / step]` on each axis. */
export interface Spread {
  readonly lead: readonly [number, number];
  readonly step: readonly [number, number];
  /** `[rows, cols]` of the result. */
  readonly size: readonly [number, number];
}

/** A view `[N, C, H, W]` as {@link Planes}, as it is (every window must lie inside it). */
export function viewPlanes(x: View<GpuBuffer>): Planes {
  return {
    data: x.buffer.data,
    strides: x.strides as [number, number, number, number],
    offset: x.offset,
    key: viewKey(x),
    temporary: false,
  };
}

/**
 * A contiguous copy of the planes of `x: [N, C, H, W]` with zeros around and between their
 * elements: `out[n][c][r][q] = x[n][c][(r - lead[0]) / step[0]][(q - lead[1]) / step[1]]`
 * where both quotients are whole and inside `x`, else 0. With step 1 this is a convolution's
 * zero padding (`lead` zeros before the first row and column, as many after as `size` reaches);
 * with `step` = a stride, the gradient of a strided convolution spread back onto the input's
 * grid. The convolution kernels then read their windows without bounds checks. `lead` may be
 * negative (leading rows dropped).
 *
 * x: [N, C, H, W] -> [N, C, size[0], size[1]] (a temporary array the caller frees)
 */
export function padPlanes(ctx: KernelContext, x: View<GpuBuffer>, spread: Spread): Planes {
  const [n, c, h, w] = x.shape as [number, number, number, number];
  const [rows, cols] = spread.size;
  const length = n * c * rows * cols;
  const signature = `pad-planes ${viewKey(x)} ${JSON.stringify(spread)}`;
  const plan = (): Plan => {
    const src = new KernelSource(['x']);
    const flat = src.let('this.thread.x', 'i');
    const planeSize = src.constant('rq', rows * cols);
    const plane = src.let(`Math.floor(${flat} / ${planeSize})`, 'p');
    const rest = src.let(`${flat} - ${plane} * ${planeSize}`, 'k');
    const q = src.constant('q', cols);
    const r = src.let(`Math.floor(${rest} / ${q})`, 'r');
    const col = src.let(`${rest} - ${r} * ${q}`, 'r');
    const [base] = walk(
      src,
      plane,
      [n, c],
      [{ strides: x.strides.slice(0, 2), offset: x.offset }],
      ['x'],
    );
    // the source row (column) and whether the output position has one
    const source = (at: string, axis: 0 | 1, size: number): [string, string] => {
      const t = src.let(`${at} - ${src.constant(`lead${axis}`, spread.lead[axis])}`, 't');
      const step = spread.step[axis];
      const u =
        step === 1 ? t : src.let(`Math.floor(${t} / ${src.constant(`step${axis}`, step)})`, 'u');
      const whole = step === 1 ? '' : ` && ${u} * ${src.constant(`step${axis}`, step)} == ${t}`;
      const bound = src.constant(`n${axis}`, size);
      return [u, src.let(`(${t} >= 0 && ${u} < ${bound}${whole}) ? 1 : 0`, 'ok')];
    };
    const [u, rowOk] = source(r, 0, h);
    const [v, colOk] = source(col, 1, w);
    const inside = src.let(`${rowOk} * ${colOk}`, 'ok');
    const xh = src.constant('xh', x.strides[2] as number);
    const xw = src.constant('xw', x.strides[3] as number);
    // outside, the address is x's first element (always there), and the value is not used
    const at = src.let(`${inside} == 1 ? ${base} + ${u} * ${xh} + ${v} * ${xw} : 0`, 'at');
    const value = src.let(`x[${at}]`, 'x');
    return { source: src, result: `${inside} == 1 ? ${value} : 0`, length };
  };
  const data = ctx.device.run(signature, plan, [x.buffer.data]);
  const strides: [number, number, number, number] = [c * rows * cols, rows * cols, cols, 1];
  return { data, strides, offset: 0, key: `[${strides.join()}] ${length}`, temporary: true };
}

/** Frees the planes' array if it is a temporary one. */
export function releasePlanes(ctx: KernelContext, planes: Planes): void {
  if (planes.temporary) ctx.device.release(planes.data);
}

/**
 * The planes a convolution's windows read, `x: [N, C, H, W]` seen from row and column
 * `-padding`: `x` itself where every window lies inside it, else a zero-padded copy (as many
 * rows and columns as the last window reaches, see {@link padPlanes}).
 *
 * x: [N, C, H, W] -> [N, C, (Ho - 1) * stride + (k - 1) * dilation + 1, ...] or x
 */
export function windowPlanes(
  ctx: KernelContext,
  x: View<GpuBuffer>,
  kernel: readonly [number, number],
  p: Conv2dParams,
): Planes {
  const reach = ([0, 1] as const).map(
    (a) => (p.outSize[a] - 1) * p.stride[a] + (kernel[a] - 1) * p.dilation[a] + 1,
  ) as [number, number];
  const inside =
    p.padding[0] === 0 &&
    p.padding[1] === 0 &&
    reach[0] <= (x.shape[2] as number) &&
    reach[1] <= (x.shape[3] as number);
  if (inside) return viewPlanes(x);
  return padPlanes(ctx, x, { lead: p.padding, step: [1, 1], size: reach });
}
