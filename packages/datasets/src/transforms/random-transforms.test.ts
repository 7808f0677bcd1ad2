// The random transforms against tools/fixtures/datasets.py, which restates torchvision 0.14's
// get_params with torch 1.13 (torchvision is not installed there): same seed, same draws, and the
// default generator left where torchvision leaves it.
import { Generator, manualSeed, rand, tensor } from '@nabla/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from '../fixtures.test.util.js';
import { useCpu } from '../setup.test.util.js';
import { logRatio } from './draws.js';
import { RandomCrop } from './random-crop.js';
import { RandomErasing } from './random-erasing.js';
import { RandomHorizontalFlip } from './random-horizontal-flip.js';
import { RandomResizedCrop } from './random-resized-crop.js';

beforeAll(useCpu);

interface Fixture {
  logRatios: { book: number[]; default: number[] };
  flips: { seed: number; p: number; flips: boolean[]; after: number[] }[];
  crops: {
    seed: number;
    height: number;
    width: number;
    size: number;
    padding: number;
    params: number[][];
    after: number[];
  }[];
  resizedCrops: {
    seed: number;
    height: number;
    width: number;
    scale: [number, number];
    ratio: [number, number];
    params: number[][];
    after: number[];
  }[];
  erasing: {
    seed: number;
    shape: [number, number, number];
    p: number;
    scale: [number, number];
    ratio: [number, number];
    value: number | number[] | 'random';
    params: (number[] | null)[];
    after: number[];
    image: number[];
    outputs?: number[][];
  }[];
}
const fx = readFixture<Fixture>('transforms');

/** The default generator continues as torch's did after the same draws. */
function expectAfter(after: number[]): void {
  expect(Array.from(rand(after.length).dataSync())).toEqual(after.map(Math.fround));
}

describe('draws', () => {
  it('takes the float32 log of the ratios as torch.log(torch.tensor(ratio))', () => {
    expect(logRatio([0.3, 3.3])).toEqual(fx.logRatios.book.map(Math.fround));
    expect(logRatio([3 / 4, 4 / 3])).toEqual(fx.logRatios.default.map(Math.fround));
  });
});

describe('RandomHorizontalFlip', () => {
  it.each(fx.flips.map((c) => [c.seed, c] as const))(
    'flips as torchvision after seed %i',
    (_, c) => {
      manualSeed(c.seed);
      const flip = new RandomHorizontalFlip(c.p);
      const img = tensor([[[1, 2, 3]]]);
      const flipped = c.flips.map(() => flip(img).dataSync()[0] === 3);
      expect(flipped).toEqual(c.flips);
      expectAfter(c.after);
    },
  );

  it('draws from a generator of its own when given one', () => {
    const g = new Generator(0);
    const flip = new RandomHorizontalFlip(0.5, g);
    manualSeed(1);
    const before = rand(1).item();
    manualSeed(1);
    for (let k = 0; k < 5; k++) flip(tensor([[[1, 2]]]));
    expect(rand(1).item()).toBe(before);
  });
});

describe('RandomCrop', () => {
  it.each(fx.crops.map((c) => [c.seed, c] as const))(
    'crops as torchvision after seed %i',
    (_, c) => {
      manualSeed(c.seed);
      const hp = c.height + 2 * c.padding;
      const wp = c.width + 2 * c.padding;
      const params = c.params.map(() => RandomCrop.getParams([hp, wp], [c.size, c.size]));
      expect(params).toEqual(c.params);
      expectAfter(c.after);
    },
  );
});

describe('RandomResizedCrop', () => {
  it.each(fx.resizedCrops.map((c) => [`${c.height} x ${c.width} seed ${c.seed}`, c] as const))(
    'draws the windows torchvision draws: %s',
    (_, c) => {
      manualSeed(c.seed);
      const params = c.params.map(() =>
        RandomResizedCrop.getParams([c.height, c.width], c.scale, c.ratio),
      );
      expect(params).toEqual(c.params);
      expectAfter(c.after);
    },
  );
});

describe('RandomErasing', () => {
  it.each(
    fx.erasing.map(
      (c) => [`[${c.shape}] seed ${c.seed} value ${JSON.stringify(c.value)}`, c] as const,
    ),
  )('erases as torchvision: %s', (_, c) => {
    manualSeed(c.seed);
    const erasing = new RandomErasing({ p: c.p, scale: c.scale, ratio: c.ratio, value: c.value });
    const img = tensor(Float32Array.from(c.image, (v) => v / 255)).view(c.shape);
    const before = img.dataSync();
    c.params.forEach((_, k) => {
      const out = erasing(img);
      const want = c.outputs?.[k];
      if (want !== undefined) expect(Array.from(out.dataSync())).toEqual(want.map(Math.fround));
    });
    expect(Array.from(img.dataSync())).toEqual(Array.from(before)); // not in place
    expectAfter(c.after);
  });

  it('draws the erased windows torchvision draws', () => {
    for (const c of fx.erasing) {
      manualSeed(c.seed);
      const value = c.value === 'random' ? null : typeof c.value === 'number' ? [c.value] : c.value;
      const params = c.params.map(() => {
        if (!(rand(1).item() < Math.fround(c.p))) return null;
        const p = RandomErasing.getParams(c.shape, c.scale, c.ratio, value);
        return p === null ? [0, 0, c.shape[1], c.shape[2]] : [p.i, p.j, p.h, p.w];
      });
      expect(params).toEqual(c.params);
      expectAfter(c.after);
    }
  });
});
