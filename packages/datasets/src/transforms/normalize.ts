import { Callable, Tensor, tensor } from '@nabla/tensor';
import type { BatchTransform, ImageBatch } from './batch-transform.js';

/**
 * Normalizes a float tensor image [..., C, H, W] channel by channel: `(x - mean[c]) / std[c]`,
 * in float32 as PyTorch computes it. `mean` and `std` are one number for every channel, or one
 * per channel. Mirrors `torchvision.transforms.Normalize(mean, std, inplace)`.
 *
 * @example
 * new Normalize(0.5, 0.5)(x); // x in [0, 1] -> [-1, 1]
 * new Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225]); // ImageNet statistics
 */
export class Normalize extends Callable<[Tensor], Tensor> implements BatchTransform {
  readonly batchable = true;
  readonly mean: readonly number[];
  readonly std: readonly number[];
  private readonly scalar: boolean;
  private readonly stats = new Map<string, [Tensor, Tensor]>();

  constructor(
    mean: number | readonly number[],
    std: number | readonly number[],
    readonly inplace = false,
  ) {
    super();
    this.scalar = typeof mean === 'number' && typeof std === 'number';
    this.mean = typeof mean === 'number' ? [mean] : [...mean];
    this.std = typeof std === 'number' ? [std] : [...std];
    if (this.std.some((s) => Math.fround(s) === 0)) {
      throw new RangeError(
        'Normalize: std evaluated to zero after conversion to float32, leading to division by zero',
      );
    }
  }

  forward(x: Tensor): Tensor {
    if (!(x instanceof Tensor)) {
      throw new TypeError(
        `Normalize: expected a Tensor (put Normalize after ToTensor), got ${typeof x}`,
      );
    }
    if (x.dtype !== 'float32') {
      throw new TypeError(`Normalize: input tensor should be a float tensor, got ${x.dtype}`);
    }
    if (x.ndim < 3) {
      throw new RangeError(
        `Normalize: expected a tensor image of shape [..., C, H, W], got shape [${x.shape.join(', ')}]`,
      );
    }
    const c = x.shape[x.ndim - 3] as number;
    for (const [name, values] of [
      ['mean', this.mean],
      ['std', this.std],
    ] as const) {
      if (values.length !== 1 && values.length !== c) {
        throw new RangeError(
          `Normalize: ${name} has ${values.length} values, the image ${c} channels (give one, or one per channel)`,
        );
      }
    }
    const [mean, std] = this.statsOn(x.device);
    // x: [..., C, H, W]; mean, std: [C, 1, 1] or [1, 1, 1]
    return this.inplace ? x.sub_(mean).div_(std) : x.sub(mean).div(std);
  }

  /** The same on a batch [N, C, H, W]. */
  forwardBatch(batch: ImageBatch | Tensor): Tensor {
    if (!(batch instanceof Tensor)) {
      throw new TypeError(
        'Normalize: expected a batch tensor [N, C, H, W], got raw images (put ToTensor first)',
      );
    }
    return this.forward(batch);
  }

  /**
   * What this Normalize makes of each byte after ToTensor, channel by channel: a table of 256
   * floats per channel, `(v / 255 - mean) / std` with float32 rounding at each step as the tensor
   * ops round. Compose uses it to do ToTensor + Normalize in one lookup per byte.
   */
  tablesAfterToTensor(channels: number, scale: Float32Array): Float32Array[] {
    for (const [name, values] of [
      ['mean', this.mean],
      ['std', this.std],
    ] as const) {
      if (values.length !== 1 && values.length !== channels) {
        throw new RangeError(
          `Normalize: ${name} has ${values.length} values, the image ${channels} channels (give one, or one per channel)`,
        );
      }
    }
    const f = Math.fround;
    return Array.from({ length: channels }, (_, c) => {
      const m = f(this.mean[this.mean.length === 1 ? 0 : c] as number);
      const s = f(this.std[this.std.length === 1 ? 0 : c] as number);
      return scale.map((x) => f(f(x - m) / s));
    });
  }

  /** mean and std as float32 tensors [C, 1, 1] on a device, made once per device. */
  private statsOn(device: string): [Tensor, Tensor] {
    let pair = this.stats.get(device);
    if (pair === undefined) {
      const make = (v: readonly number[]) =>
        tensor(Float32Array.from(v), { device }).view(-1, 1, 1);
      pair = [make(this.mean), make(this.std)];
      this.stats.set(device, pair);
    }
    return pair;
  }

  override toString(): string {
    const show = (v: readonly number[]) => (this.scalar ? String(v[0]) : `[${v.join(', ')}]`);
    return `Normalize(mean=${show(this.mean)}, std=${show(this.std)})`;
  }
}
