import type { TypedArray } from '@nabla/backend';
import { Tensor, tensor } from '@nabla/tensor';
import { channelsOf, isRawImage, type RawImage } from './raw-image.js';

/** The values of a raster: bytes for a RawImage, the tensor's own typed array otherwise. */
export type RasterData = TypedArray | Uint8ClampedArray;

/**
 * An image or a tensor image as host values, for the geometric transforms that work on both: a
 * stack of `planes` 2-D planes of h x w values. In `hwc` layout (a RawImage) the planes are the
 * interleaved channels; in `planar` layout (a tensor [..., H, W]) one plane follows another.
 */
export interface Raster {
  readonly data: RasterData;
  readonly layout: 'hwc' | 'planar';
  readonly planes: number;
  readonly h: number;
  readonly w: number;
}

/** What the geometric transforms take and give back: a RawImage or a tensor [..., H, W]. */
export type ImageLike = RawImage | Tensor;

/** The position of value (plane p, row y, column x). */
export function at(r: Raster, p: number, y: number, x: number): number {
  return r.layout === 'hwc' ? (y * r.w + x) * r.planes + p : (p * r.h + y) * r.w + x;
}

/** Reads an image or a tensor image (at least 2-D) as a raster. */
export function toRaster(input: ImageLike, op: string): Raster {
  if (input instanceof Tensor) {
    if (input.ndim < 2) {
      throw new RangeError(
        `${op}: expected a tensor image of shape [..., H, W], got shape [${input.shape.join(', ')}]`,
      );
    }
    const [h, w] = input.shape.slice(-2) as [number, number];
    const planes = input.shape.slice(0, -2).reduce((a, b) => a * b, 1);
    return { data: input.dataSync(), layout: 'planar', planes, h, w };
  }
  if (isRawImage(input)) {
    const planes = channelsOf(input, op);
    return { data: input.data, layout: 'hwc', planes, h: input.height, w: input.width };
  }
  throw new TypeError(`${op}: expected a RawImage or a Tensor, got ${describe(input)}`);
}

const describe = (x: unknown): string =>
  x === null
    ? 'null'
    : Array.isArray(x)
      ? 'an array'
      : typeof x === 'object'
        ? 'an object of another shape'
        : `a ${typeof x}`;

/** A new zero-filled raster with the layout, planes and element type of `like`, of size h x w. */
export function blankLike(like: Raster, h: number, w: number): Raster {
  const n = like.planes * h * w;
  const data =
    like.data instanceof Uint8ClampedArray
      ? new Uint8Array(n)
      : new (like.data.constructor as new (n: number) => TypedArray)(n);
  return { data, layout: like.layout, planes: like.planes, h, w };
}

/** Turns a raster back into the kind of `like`: a RawImage, or a tensor of like's dtype and device. */
export function fromRaster<T extends ImageLike>(r: Raster, like: T): T {
  if (like instanceof Tensor) {
    const shape = [...like.shape.slice(0, -2), r.h, r.w];
    const values = r.data as Float32Array;
    return tensor(values, { dtype: like.dtype, device: like.device }).reshape(shape) as T;
  }
  const image: RawImage = {
    data: r.data as Uint8Array,
    height: r.h,
    width: r.w,
    channels: r.planes,
  };
  return image as T;
}

/** The height and width of an image or a tensor image. */
export function sizeOf(input: ImageLike, op: string): [number, number] {
  if (input instanceof Tensor && input.ndim >= 2) return input.shape.slice(-2) as [number, number];
  if (!(input instanceof Tensor) && isRawImage(input)) return [input.height, input.width];
  const r = toRaster(input, op); // throws the error that says what is wrong with the input
  return [r.h, r.w];
}
