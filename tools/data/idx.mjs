// Shared by the build scripts in this folder: IDX files (the MNIST format) written gzipped, the
// statistics the checks compare, and the PyTorch generator the MNIST split is drawn with.
// Plain Node, no dependencies.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

/** The IDX bytes of a uint8 array of shape `dims` (magic 0x0000 08 <ndim>, big-endian sizes). */
export function idxBytes(dims, data) {
  const size = dims.reduce((a, b) => a * b, 1);
  if (data.length !== size) throw new Error(`idx: ${data.length} bytes for shape [${dims}]`);
  const out = Buffer.alloc(4 + 4 * dims.length + size);
  out.writeUInt32BE(0x0800 | dims.length, 0);
  dims.forEach((d, i) => {
    out.writeUInt32BE(d, 4 + 4 * i);
  });
  out.set(data, 4 + 4 * dims.length);
  return out;
}

/** Reads IDX bytes (gzipped or not) back: { dims, data } (uint8 only). */
export function readIdx(bytes) {
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : Buffer.from(bytes);
  const magic = raw.readUInt32BE(0);
  if (magic >>> 8 !== 0x08) throw new Error(`idx: not a uint8 IDX file (magic ${magic})`);
  const ndim = magic & 0xff;
  const dims = Array.from({ length: ndim }, (_, i) => raw.readUInt32BE(4 + 4 * i));
  const data = raw.subarray(4 + 4 * ndim);
  if (data.length !== dims.reduce((a, b) => a * b, 1)) throw new Error('idx: wrong length');
  return { dims, data };
}

/**
 * Writes `path` as gzipped IDX (level 9, no name, mtime 0: the same input gives the same
 * bytes with the same zlib). Returns the SHA-256 of the uncompressed IDX bytes.
 */
export function writeIdxGz(path, dims, data) {
  const raw = idxBytes(dims, data);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, gzipSync(raw, { level: 9 }));
  return createHash('sha256').update(raw).digest('hex');
}

/** Pixel sum and per-label counts: what tools/data/check_data.py recomputes from the files. */
export function stats(images, labels, classes = 10) {
  let pixelSum = 0;
  for (const v of images) pixelSum += v;
  const labelCounts = new Array(classes).fill(0);
  for (const l of labels) labelCounts[l]++;
  return { count: labels.length, pixelSum, labelCounts };
}

/**
 * PyTorch's CPU generator (mt19937, `torch.Generator().manual_seed(seed)`) and its
 * `torch.randperm(n, generator=g)` (1.13: for i < n - 1, swap i with i + random() % (n - i)).
 */
export function randperm(n, seed) {
  const mt = new Uint32Array(624);
  mt[0] = Number(BigInt.asUintN(32, BigInt(seed)));
  for (let i = 1; i < 624; i++) {
    const p = mt[i - 1];
    mt[i] = (Math.imul(1812433253, p ^ (p >>> 30)) + i) >>> 0;
  }
  let next = 624;
  const random = () => {
    if (next >= 624) {
      for (let k = 0; k < 624; k++) {
        const y = (mt[k] & 0x80000000) | (mt[(k + 1) % 624] & 0x7fffffff);
        mt[k] = mt[(k + 397) % 624] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      next = 0;
    }
    let y = mt[next++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  };
  const out = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n - 1; i++) {
    const z = i + (random() % (n - i));
    [out[i], out[z]] = [out[z], out[i]];
  }
  return out;
}
