import { Callable, Tensor } from '@nabla/tensor';
import { type BatchTransform, canBatch, type ImageBatch } from './batch-transform.js';
import { Normalize } from './normalize.js';
import { channelsOf, isRawImage } from './raw-image.js';
import { SCALE, ToTensor } from './to-tensor.js';

/** Any transform: a function of one argument (transform instances are callable). */
export type TransformFn = (input: never) => unknown;

type InputOf<T> = T extends (input: infer I) => unknown ? I : never;
type OutputOf<T> = T extends (input: never) => infer O ? O : never;
type Last<T extends readonly unknown[]> = T extends readonly [...unknown[], infer L]
  ? L
  : T[number];

/**
 * Applies transforms one after another. Mirrors `torchvision.transforms.Compose`.
 *
 * @example
 * const transform = new Compose([new ToTensor(), new Normalize(0.5, 0.5)]);
 * transform(image); // Tensor [C, H, W] in [-1, 1]
 */
export class Compose<const T extends readonly TransformFn[]>
  extends Callable<[InputOf<T[0]>], OutputOf<Last<T>>>
  implements BatchTransform
{
  readonly transforms: T;

  constructor(transforms: T) {
    super();
    transforms.forEach((t, i) => {
      if (typeof t !== 'function') {
        throw new TypeError(`Compose: transform ${i} is not callable (got ${typeof t})`);
      }
    });
    this.transforms = transforms;
  }

  forward(input: InputOf<T[0]>): OutputOf<Last<T>> {
    let x: unknown = input;
    let k = 0;
    const [first, second] = this.transforms;
    if (first instanceof ToTensor && second instanceof Normalize && isRawImage(x)) {
      // ToTensor then Normalize: one table lookup per byte, the same float32 values
      x = first.convert(x, second.tablesAfterToTensor(channelsOf(x, 'ToTensor'), SCALE));
      k = 2;
    }
    for (; k < this.transforms.length; k++) x = (this.transforms[k] as (v: unknown) => unknown)(x);
    return x as OutputOf<Last<T>>;
  }

  /** True when every transform can transform whole batches. */
  get batchable(): boolean {
    return this.transforms.every(canBatch);
  }

  forwardBatch(batch: ImageBatch | Tensor): ImageBatch | Tensor {
    let x = batch;
    let k = 0;
    const [first, second] = this.transforms;
    if (first instanceof ToTensor && second instanceof Normalize && !(x instanceof Tensor)) {
      x = first.forwardBatch(x, second.tablesAfterToTensor(x.channels, SCALE));
      k = 2;
    }
    for (; k < this.transforms.length; k++) {
      const t = this.transforms[k];
      if (!canBatch(t)) throw new TypeError(`Compose: ${String(t)} cannot transform a batch`);
      x = t.forwardBatch(x);
    }
    return x;
  }

  override toString(): string {
    return `Compose(\n${this.transforms.map((t) => `    ${String(t)}`).join('\n')}\n)`;
  }
}

/**
 * Applies a function as a transform. Mirrors `torchvision.transforms.Lambda`.
 *
 * @example
 * new Lambda((x: Tensor) => x.mul(2));
 */
export class Lambda<I, O> extends Callable<[I], O> {
  constructor(readonly lambd: (input: I) => O) {
    super();
    if (typeof lambd !== 'function') {
      throw new TypeError(`Lambda: argument lambd should be callable, got ${typeof lambd}`);
    }
  }

  forward(input: I): O {
    return this.lambd(input);
  }

  override toString(): string {
    return 'Lambda()';
  }
}
