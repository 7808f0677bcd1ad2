import type { View } from '@nabla/backend';
import { contiguousView, isContiguousView } from '@nabla/backend';
import { CompensatedSum } from '../codegen/compensated-sum.js';
import { KernelSource } from '../codegen/kernel-source.js';
import { viewKey } from '../codegen/signature.js';
import type { DeviceArray, Plan } from '../device.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import type { KernelContext } from '../kernel-context.js';
import { cast } from './cast.js';

/**
 * How batch norm sees `[N, C, ...]`: element `(b, ch, k)` of a contiguous view sits `(b * c +
 * ch) * l + k` after its offset, `l` being the product of the dimensions after the channels.
 */
export function channelSplit(shape: readonly number[]): { n: number; c: number; l: number } {
  const l = shape.slice(2).reduce((a, b) => a * b, 1);
  return { n: shape[0] as number, c: shape[1] as number, l };
}

/** `x` itself when contiguous, else a contiguous copy; `done` frees the copy. */
export function denseView(
  ctx: KernelContext,
  x: View<GpuBuffer>,
): { view: View<GpuBuffer>; done: () => void } {
  if (isContiguousView(x.shape, x.strides)) return { view: x, done: () => {} };
  const copy = cast(ctx, x, 'float32');
  return { view: contiguousView(copy, x.shape), done: () => ctx.memory.dispose(copy) };
}

/** A per-channel operand of a kernel: a `[C]` view read as `name[offset + ch * stride]`. */
export interface ChannelOperand {
  readonly name: string;
  readonly view: View<GpuBuffer>;
}

/** The expression reading channel `ch` of a `[C]` operand (constants named after it). */
export function channelAt(src: KernelSource, { name, view }: ChannelOperand, ch: string): string {
  const at = `${src.constant(`${name}o`, view.offset)} + ${ch} * ${src.constant(`${name}s`, view.strides[0] as number)}`;
  return `${name}[${at}]`;
}

/** The cache key of a kernel's operands. */
export function operandsKey(views: readonly View<GpuBuffer>[]): string {
  return views.map(viewKey).join(' | ');
}

/**
 * One thread per channel of contiguous `[N, C, ...]` operands (`dense`, each read as
 * `name[offset + at]`): the Kahan-compensated sum over the batch and every dimension after the
 * channels of `term(src, at, ch)` (`at` the element's place after the offsets, `ch` the
 * channel), then `finish(sum)`. The loops have constant bounds, `N` and `L`. Returns a device
 * array of `C` floats the caller wraps or frees.
 *
 * dense: [N, C, ...] each, channels: [C] each -> [C]
 */
export function channelSums(
  ctx: KernelContext,
  name: string,
  dense: readonly ChannelOperand[],
  channels: readonly ChannelOperand[],
  term: (src: KernelSource, at: string, ch: string) => string,
  finish: (src: KernelSource, sum: string) => string,
): DeviceArray {
  const shape = (dense[0] as ChannelOperand).view.shape;
  const { n, c, l } = channelSplit(shape);
  const all = [...dense, ...channels];
  const plan = (): Plan => {
    const src = new KernelSource(all.map((o) => o.name));
    const ch = src.let('this.thread.x', 'c');
    const start = src.let(`${ch} * ${src.constant('l', l)}`, 'at');
    const sum = new CompensatedSum(src, '0');
    src.block(`for (let b = 0; b < ${src.constant('n', n)}; b++)`, () => {
      const row = src.let(`${start} + b * ${src.constant('cl', c * l)}`, 'at');
      src.block(`for (let k = 0; k < ${src.constant('l', l)}; k++)`, () => {
        sum.add(term(src, src.let(`${row} + k`, 'at'), ch));
      });
    });
    return { source: src, result: finish(src, src.let(sum.result(), 's')), length: c };
  };
  const key = `${name} ${operandsKey(all.map((o) => o.view))}`;
  return ctx.device.run(
    key,
    plan,
    all.map((o) => o.view.buffer.data),
  );
}

/** The expression reading a contiguous `[N, C, ...]` operand at `at` (after its offset). */
export function denseAt(src: KernelSource, { name, view }: ChannelOperand, at: string): string {
  return `${name}[${src.constant(`${name}o`, view.offset)} + ${at}]`;
}
