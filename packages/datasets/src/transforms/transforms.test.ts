import { manualSeed, stack, type Tensor, tensor } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpu } from '../setup.test.util.js';
import { CenterCrop } from './center-crop.js';
import { Compose, Lambda } from './compose.js';
import { Normalize } from './normalize.js';
import { pad, RandomCrop } from './random-crop.js';
import { RandomErasing } from './random-erasing.js';
import { hflip } from './random-horizontal-flip.js';
import { RandomResizedCrop } from './random-resized-crop.js';
import { type RawImage, rawImage } from './raw-image.js';
import { Resize, resizedSize } from './resize.js';
import { ToTensor } from './to-tensor.js';

beforeAll(useCpu);

/** A 2 x 3 RGB image whose bytes count up from 0. */
const rgb = rawImage(
  Uint8Array.from({ length: 18 }, (_, i) => i * 10),
  [2, 3, 3],
);
const f = Math.fround;

describe('ToTensor', () => {
  it('turns H x W x C bytes into a float tensor [C, H, W] in [0, 1]', () => {
    const x = new ToTensor()(rgb);
    expect(x.shape).toEqual([3, 2, 3]);
    expect(x.dtype).toBe('float32');
    // channel 0 holds bytes 0, 30, 60, 90, 120, 150
    expect(Array.from(x.dataSync().subarray(0, 6))).toEqual(
      [0, 30, 60, 90, 120, 150].map((v) => f(v / 255)),
    );
  });

  it('gives a grayscale [H, W] image one channel, and takes ImageData-like RGBA', () => {
    const gray = new ToTensor()(rawImage(new Uint8Array([0, 255, 51, 102]), [2, 2]));
    expect(gray.shape).toEqual([1, 2, 2]);
    expect(Array.from(gray.dataSync())).toEqual([0, 1, 0.2, 0.4].map(f));
    const rgba = { data: new Uint8ClampedArray(2 * 2 * 4).fill(255), width: 2, height: 2 };
    expect(new ToTensor()(rgba).shape).toEqual([4, 2, 2]);
  });

  it('rejects tensors and images whose bytes do not fit their shape', () => {
    expect(() => new ToTensor()(tensor([1]) as unknown as RawImage)).toThrow(
      'ToTensor: pic should be a RawImage (bytes, H x W x C), got a Tensor',
    );
    expect(() =>
      new ToTensor()({ data: new Uint8Array(5), height: 2, width: 2, channels: 1 }),
    ).toThrow('ToTensor: an image of 2 x 2 x 1 needs 4 bytes, got 5');
  });
});

describe('Normalize', () => {
  it('normalizes with one mean and std for all channels, or one per channel', () => {
    const x = new ToTensor()(rgb);
    const y = new Normalize(0.5, 0.5)(x);
    expect(y.dataSync()[1]).toBe(f(f(f(30 / 255) - 0.5) / 0.5));
    const z = new Normalize([0, 0.5, 1], [1, 2, 4])(x);
    // channel 2, first pixel: (20/255 - 1) / 4
    expect(z.dataSync()[12]).toBe(f(f(f(20 / 255) - 1) / 4));
    expect(x.dataSync()[1]).toBe(f(30 / 255)); // not in place
    expect(String(new Normalize(0.5, 0.5))).toBe('Normalize(mean=0.5, std=0.5)');
  });

  it('rejects what torchvision rejects', () => {
    expect(() => new Normalize(0.5, 0)).toThrow(
      'Normalize: std evaluated to zero after conversion to float32',
    );
    expect(() => new Normalize(0.5, 0.5)(tensor([[1, 2]]))).toThrow(
      'Normalize: input tensor should be a float tensor, got int32',
    );
    expect(() => new Normalize(0.5, 0.5)(tensor([[0.5, 1.5]]))).toThrow(
      'Normalize: expected a tensor image of shape [..., C, H, W], got shape [1, 2]',
    );
    expect(() => new Normalize([0.5, 0.5], [1, 1])(new ToTensor()(rgb))).toThrow(
      'Normalize: mean has 2 values, the image 3 channels (give one, or one per channel)',
    );
  });
});

describe('Compose and Lambda', () => {
  it('chains transforms, and batches when every part can', () => {
    const t = new Compose([new ToTensor(), new Normalize(0.5, 0.5)]);
    const one: Tensor = t(rgb);
    expect(one.shape).toEqual([3, 2, 3]);
    expect(t.batchable).toBe(true);
    const other = rawImage(
      Uint8Array.from({ length: 18 }, (_, i) => 255 - i),
      [2, 3, 3],
    );
    const batch = t.forwardBatch({
      data: Uint8Array.from([...rgb.data, ...other.data]),
      count: 2,
      height: 2,
      width: 3,
      channels: 3,
    }) as Tensor;
    expect(batch.shape).toEqual([2, 3, 2, 3]);
    expect(Array.from(batch.dataSync())).toEqual(Array.from(stack([t(rgb), t(other)]).dataSync()));
    const withLambda = new Compose([new ToTensor(), new Lambda((x: Tensor) => x.mul(2))]);
    expect(withLambda.batchable).toBe(false);
    expect(withLambda(rgb).dataSync()[1]).toBe(f(f(30 / 255) * 2));
    expect(String(t)).toBe('Compose(\n    ToTensor()\n    Normalize(mean=0.5, std=0.5)\n)');
  });
});

describe('CenterCrop', () => {
  it('takes the middle, rounding half to even as torchvision', () => {
    const x = tensor(Float32Array.from({ length: 25 }, (_, i) => i)).view(1, 5, 5);
    // (5 - 2) / 2 = 1.5 rounds to 2
    expect(new CenterCrop(2)(x).tolist()).toEqual([
      [
        [12, 13],
        [17, 18],
      ],
    ]);
    // (5 - 3) / 2 = 1
    expect(new CenterCrop([3, 1])(x).tolist()).toEqual([[[7], [12], [17]]]);
  });

  it('pads with zeros when the image is smaller', () => {
    const x = tensor([[[1, 2]]], { dtype: 'float32' });
    expect(new CenterCrop([1, 5])(x).tolist()).toEqual([[[0, 1, 2, 0, 0]]]);
    const img = new CenterCrop(1)(rgb) as RawImage;
    expect([img.height, img.width, img.channels]).toEqual([1, 1, 3]);
    // top = round((2 - 1) / 2) = round(0.5) = 0 (half to even), left = (3 - 1) / 2 = 1
    expect(Array.from(img.data)).toEqual([30, 40, 50]);
  });
});

describe('pad and RandomCrop', () => {
  const row = () => tensor([[[1, 2, 3]]], { dtype: 'float32' });
  it('pads in each of torchvision modes', () => {
    expect(pad(row(), [2, 0]).tolist()).toEqual([[[0, 0, 1, 2, 3, 0, 0]]]);
    expect(pad(row(), [2, 0], 9).tolist()).toEqual([[[9, 9, 1, 2, 3, 9, 9]]]);
    expect(pad(row(), [2, 0], 0, 'edge').tolist()).toEqual([[[1, 1, 1, 2, 3, 3, 3]]]);
    expect(pad(row(), [2, 0], 0, 'reflect').tolist()).toEqual([[[3, 2, 1, 2, 3, 2, 1]]]);
    expect(pad(row(), [2, 0], 0, 'symmetric').tolist()).toEqual([[[2, 1, 1, 2, 3, 3, 2]]]);
    expect(pad(row(), [1, 0, 0, 0]).tolist()).toEqual([[[0, 1, 2, 3]]]);
    expect(() => pad(row(), [3, 0], 0, 'reflect')).toThrow(
      'pad: reflect padding [3, 0, 3, 0] must be smaller',
    );
  });

  it('crops a padded image to its size and pads small images if asked', () => {
    manualSeed(0);
    const x = tensor(Float32Array.from({ length: 16 }, (_, i) => i + 1)).view(1, 4, 4);
    const out = new RandomCrop(4, { padding: 2 })(x);
    expect(out.shape).toEqual([1, 4, 4]);
    const grown = new RandomCrop([2, 6], { padIfNeeded: true })(row());
    expect(grown.shape).toEqual([1, 2, 6]);
    expect(() => new RandomCrop(5)(x)).toThrow(
      'RandomCrop: required crop size (5, 5) is larger than input image size (4, 4)',
    );
  });
});

describe('Resize', () => {
  it('computes the output size as torchvision', () => {
    expect(resizedSize([32, 32], 112)).toEqual([112, 112]);
    expect(resizedSize([375, 500], 256)).toEqual([256, 341]);
    expect(resizedSize([500, 375], 224)).toEqual([298, 224]);
    expect(resizedSize([10, 20], [3, 4])).toEqual([3, 4]);
    expect(resizedSize([9, 12], 9, 10)).toEqual([7, 10]);
    expect(() => resizedSize([9, 12], 9, 9)).toThrow(
      'Resize: maxSize = 9 must be strictly greater than the requested size for the smaller edge size (size = 9)',
    );
  });

  it('resizes images and tensors alike, and leaves an image of the right size alone', () => {
    const img = new Resize(4)(rgb) as RawImage;
    expect([img.height, img.width, img.channels]).toEqual([4, 6, 3]);
    const asTensor = new Resize(4)(new ToTensor()(rgb)) as Tensor;
    // the byte image is resized in float32 and rounded; the tensor keeps the floats
    const fromBytes = Array.from(img.data);
    const fromFloats = Array.from(asTensor.permute(1, 2, 0).dataSync(), (v) => Math.round(v * 255));
    expect(fromBytes.every((v, i) => Math.abs(v - (fromFloats[i] as number)) <= 1)).toBe(true);
    expect(new Resize([2, 3])(rgb)).toBe(rgb);
    expect(() => new Resize(4, { antialias: true as false })).toThrow(
      'antialias=true is not supported',
    );
  });
});

describe('RandomResizedCrop and hflip', () => {
  it('gives the requested size', () => {
    manualSeed(0);
    const x = new ToTensor()(rawImage(new Uint8Array(3 * 50 * 40).fill(7), [50, 40, 3]));
    expect(new RandomResizedCrop(24)(x).shape).toEqual([3, 24, 24]);
    const img = new RandomResizedCrop([8, 5])(rgb) as RawImage;
    expect([img.height, img.width]).toEqual([8, 5]);
  });

  it('mirrors images and tensors', () => {
    const img = hflip(rgb);
    expect(Array.from(img.data.subarray(0, 9))).toEqual([60, 70, 80, 30, 40, 50, 0, 10, 20]);
    expect(hflip(tensor([[[1, 2, 3]]])).tolist()).toEqual([[[3, 2, 1]]]);
  });
});

describe('RandomErasing', () => {
  it('works on tensors only and checks its value', () => {
    expect(() => new RandomErasing()(rgb as unknown as Tensor)).toThrow(
      'RandomErasing: expected a Tensor image [..., C, H, W] (put it after ToTensor)',
    );
    expect(() => new RandomErasing({ value: 'noise' as 'random' })).toThrow(
      "RandomErasing: if value is a string, it should be 'random', got 'noise'",
    );
    const x = new ToTensor()(rgb);
    expect(() => new RandomErasing({ p: 1, value: [1, 2] })(x)).toThrow(
      'RandomErasing: if value is a sequence, it should have either a single value or 3 (number of input channels)',
    );
  });

  it('erases in place when asked', () => {
    manualSeed(0);
    const x = tensor(new Float32Array(3 * 20 * 20).fill(1)).view(3, 20, 20);
    const out = new RandomErasing({ p: 1, inplace: true })(x);
    expect(out).toBe(x);
    expect(Array.from(x.dataSync()).some((v) => v === 0)).toBe(true);
  });
});
