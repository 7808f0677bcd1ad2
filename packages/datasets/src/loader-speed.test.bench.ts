// The loader time of the benchmark: one epoch over 60,000 images of 28 x 28 (Fashion-MNIST
// from Debian's dataset-fashion-mnist when installed, else synthetic files of the same size and
// format) through ToTensor + Normalize, in shuffled batches of 100. Run it with
//   npx vitest bench --run src/loader-speed.test.bench.ts
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Generator, randint, type Tensor } from '@nabla/tensor';
import { afterAll, bench, describe } from 'vitest';
import { DataLoader } from './dataloader.js';
import { useCpu } from './setup.test.util.js';
import { Compose, Lambda } from './transforms/compose.js';
import { Normalize } from './transforms/normalize.js';
import { ToTensor } from './transforms/to-tensor.js';
import { FashionMNIST } from './vision/mnist.js';

useCpu();

const DEBIAN = '/usr/share/datasets/fashion-mnist';
const tmp = mkdtempSync(join(tmpdir(), 'nabla-bench-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** IDX header bytes: 0 0 0x08 ndims, then each size big-endian. */
const header = (dims: number[]): Uint8Array => {
  const out = new Uint8Array(4 + 4 * dims.length);
  out.set([0, 0, 8, dims.length]);
  const view = new DataView(out.buffer);
  dims.forEach((d, i) => {
    view.setUint32(4 + 4 * i, d);
  });
  return out;
};

function syntheticRoot(): string {
  const g = new Generator(0);
  const pixels = Uint8Array.from(randint(0, 256, [60000 * 28 * 28], { generator: g }).dataSync());
  const labels = Uint8Array.from(randint(0, 10, [60000], { generator: g }).dataSync());
  writeFileSync(
    join(tmp, 'train-images-idx3-ubyte.gz'),
    gzipSync(Buffer.concat([header([60000, 28, 28]), pixels])),
  );
  writeFileSync(
    join(tmp, 'train-labels-idx1-ubyte.gz'),
    gzipSync(Buffer.concat([header([60000]), labels])),
  );
  return tmp;
}

const root = existsSync(join(DEBIAN, 'train-images-idx3-ubyte.gz')) ? DEBIAN : syntheticRoot();
const transform = new Compose([new ToTensor(), new Normalize(0.5, 0.5)]);
const train = new FashionMNIST(root, { transform });
const oneByOne = new FashionMNIST(root, {
  transform: new Compose([transform, new Lambda((x: Tensor) => x)]),
});
const g = new Generator(123);

describe(`one epoch, 60,000 images of 28 x 28, batches of 100 (${root === DEBIAN ? 'Fashion-MNIST' : 'synthetic'})`, () => {
  bench(
    'ToTensor + Normalize, shuffled, whole batches',
    () => {
      for (const [x] of new DataLoader(train, { batchSize: 100, shuffle: true, generator: g }))
        x.shape;
    },
    { iterations: 5, warmupIterations: 1 },
  );

  bench(
    'the same, for await (prefetch 1)',
    async () => {
      for await (const [x] of new DataLoader(train, {
        batchSize: 100,
        shuffle: true,
        generator: g,
      }))
        x.shape;
    },
    { iterations: 5, warmupIterations: 1 },
  );

  bench(
    'image by image (a transform that cannot batch)',
    () => {
      for (const [x] of new DataLoader(oneByOne, { batchSize: 100, shuffle: true, generator: g }))
        x.shape;
    },
    { iterations: 1, warmupIterations: 0 },
  );
});
