#!/usr/bin/env node
// Rebuilds packages/datasets/data/fashion-mnist/: the first 2,000 training and the first 500 test
// images of Fashion-MNIST (with their labels), in the official IDX format, gzipped, under the
// official file names, cut from the full set that Debian's dataset-fashion-mnist installs.
//
//     apt-get install dataset-fashion-mnist
//     node tools/data/build-fashion-mnist.mjs [--from /usr/share/datasets/fashion-mnist] [--out <dir>]
//         [--train 2000] [--test 500]
//
// The records are copied byte for byte, in the official order (Debian re-gzipped the files: the
// uncompressed bytes are upstream's). tools/data/check_data.py checks the subset against the
// full files.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readIdx, stats, writeIdxGz } from './idx.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const from = option('--from') ?? '/usr/share/datasets/fashion-mnist';
const out = resolve(option('--out') ?? join(here, '../../packages/datasets/data/fashion-mnist'));
const counts = { train: Number(option('--train') ?? 2000), t10k: Number(option('--test') ?? 500) };

for (const prefix of ['train', 't10k']) {
  const n = counts[prefix];
  const images = readIdx(readFileSync(join(from, `${prefix}-images-idx3-ubyte.gz`)));
  const labels = readIdx(readFileSync(join(from, `${prefix}-labels-idx1-ubyte.gz`)));
  const [total, h, w] = images.dims;
  if (labels.dims[0] !== total) throw new Error(`${from}: ${prefix}: labels and images disagree`);
  if (!(Number.isInteger(n) && n > 0 && n <= total))
    throw new Error(`bad count ${n} for ${prefix}`);
  const x = images.data.subarray(0, n * h * w);
  const y = labels.data.subarray(0, n);
  const shaImages = writeIdxGz(join(out, `${prefix}-images-idx3-ubyte.gz`), [n, h, w], x);
  const shaLabels = writeIdxGz(join(out, `${prefix}-labels-idx1-ubyte.gz`), [n], y);
  const s = stats(x, y);
  console.log(
    `${prefix}: first ${n} of ${total}, pixel sum ${s.pixelSum}, label counts [${s.labelCounts}]\n` +
      `  sha256 (uncompressed) images ${shaImages}\n  sha256 (uncompressed) labels ${shaLabels}`,
  );
}
console.log(`wrote ${out}`);
