import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Tensor, tensor } from '@nabla/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Sequential } from './containers/sequential.js';
import {
  expectClose,
  fromJson,
  readFixture,
  type TensorJson,
  useCpu,
} from './helpers.test.util.js';
import { BatchNorm2d } from './layers/batch-norm2d.js';
import { Conv2d } from './layers/conv2d.js';
import { Flatten } from './layers/flatten.js';
import { Linear } from './layers/linear.js';
import { MaxPool2d } from './layers/max-pool2d.js';
import { ReLU } from './layers/relu.js';
import { Module } from './module.js';
import { loadSafetensors, safetensorsMetadata, saveSafetensors } from './safetensors.js';
import { loadFile, saveFile } from './safetensors-file.js';

/** tools/fixtures/layers.py's SmallCNN, whose state dict torch saved in small-cnn.safetensors. */
class SmallCNN extends Module {
  features = new Sequential(
    new Conv2d(1, 4, 3, { padding: 1 }),
    new BatchNorm2d(4),
    new ReLU({ inplace: true }),
    new MaxPool2d(2),
  );
  flatten = new Flatten();
  fc = new Linear(4 * 3 * 3, 3);
  forward(x: Tensor): Tensor {
    return this.fc(this.flatten(this.features(x)));
  }
}

interface SafetensorsCase {
  keys: string[];
  print: string;
  input: TensorJson;
  output: TensorJson;
  numBatchesTracked: number;
}

const fixture = readFixture<{ safetensors: SafetensorsCase }>('layers').safetensors;
const fixturePath = new URL('./__fixtures__/small-cnn.safetensors', import.meta.url);
let dir: string;

beforeAll(async () => {
  useCpu();
  dir = await mkdtemp(join(tmpdir(), 'nabla-safetensors-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A header and data assembled by hand, to make broken files. */
function fileOf(header: unknown, data = new Uint8Array(0), headerLength?: number): Uint8Array {
  const text = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + text.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength ?? text.length), true);
  out.set(text, 8);
  out.set(data, 8 + text.length);
  return out;
}

describe('safetensors written by PyTorch', () => {
  it("loads into a Nabla model that then gives torch's outputs", async () => {
    const sd = await loadFile(fixturePath.pathname);
    expect(Object.keys(sd).sort()).toEqual([...fixture.keys].sort());
    // int64 num_batches_tracked arrives as int32
    expect(sd['features.1.num_batches_tracked']!.dtype).toBe('int32');
    expect(sd['features.1.num_batches_tracked']!.item()).toBe(fixture.numBatchesTracked);
    const net = new SmallCNN();
    expect(net.toString()).toBe(fixture.print);
    net.loadStateDict(sd);
    net.eval();
    expectClose(net(fromJson(fixture.input)), fixture.output, 'output');
    expect(safetensorsMetadata(readFileSync(fixturePath))).toEqual({ format: 'pt' });
  });
});

describe('saveSafetensors / loadSafetensors', () => {
  it('round-trips float32, int32 and bool tensors, in order, with metadata', () => {
    const tensors = {
      w: tensor(
        [
          [1.5, -2],
          [3.25, 1e-30],
        ],
        { dtype: 'float32' },
      ),
      count: tensor(7),
      mask: tensor([true, false, true]),
      empty: tensor([], { dtype: 'float32' }).reshape(0, 3),
    };
    const bytes = saveSafetensors(tensors, { format: 'pt' });
    const headerLength = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + headerLength) % 8).toBe(0); // data aligned as safetensors aligns it
    const back = loadSafetensors(bytes);
    expect(Object.keys(back)).toEqual(['w', 'count', 'mask', 'empty']);
    for (const [k, t] of Object.entries(tensors)) {
      expect(back[k]!.dtype, k).toBe(t.dtype);
      expect(back[k]!.shape, k).toEqual(t.shape);
      expect(back[k]!.tolist(), k).toEqual(t.tolist());
    }
    expect(safetensorsMetadata(bytes)).toEqual({ format: 'pt' });
  });

  it('saves a model and loads it into another (saveFile / loadFile)', async () => {
    const a = new SmallCNN();
    const path = join(dir, 'cnn.safetensors');
    await saveFile(a.stateDict(), path);
    const b = new SmallCNN();
    b.loadStateDict(await loadFile(path));
    expect(b.fc.weight.tolist()).toEqual(a.fc.weight.tolist());
    expect(b.features.get(1).getBuffer('running_var')?.tolist()).toEqual([1, 1, 1, 1]);
  });

  it('reports a truncated or corrupt file with what is wrong', async () => {
    const f32 = { dtype: 'F32', shape: [2], data_offsets: [0, 8] };
    const cases: [Uint8Array, string][] = [
      [new Uint8Array(5), 'the file has 5 bytes, fewer than the 8 of the header length'],
      [fileOf({ a: f32 }, new Uint8Array(8), 999), 'the header length 999 exceeds'],
      [
        fileOf({ a: f32 }, new Uint8Array(4)),
        'tensor "a" has data_offsets [0,8] outside the 4 data bytes',
      ],
      [
        fileOf({ a: { ...f32, dtype: 'Q7' } }, new Uint8Array(8)),
        'tensor "a" has an unknown dtype "Q7"',
      ],
      [
        fileOf({ a: { ...f32, shape: [3] } }, new Uint8Array(8)),
        'needs 12 bytes, but data_offsets give 8',
      ],
      [fileOf({ a: { ...f32, shape: [-1] } }, new Uint8Array(8)), 'has an invalid shape [-1]'],
      [fileOf([1, 2]), 'the header is not a JSON object'],
    ];
    for (const [bytes, message] of cases) {
      expect(() => loadSafetensors(bytes), message).toThrow(message);
    }
    const broken = fileOf({ a: f32 }, new Uint8Array(8));
    broken[8] = 0x7b + 1; // no longer '{'
    expect(() => loadSafetensors(broken)).toThrow('the header is not valid UTF-8 JSON');
    const path = join(dir, 'broken.safetensors');
    await writeFile(path, new Uint8Array(3));
    await expect(loadFile(path)).rejects.toThrow(`${path}: loadSafetensors: the file has 3 bytes`);
  });

  it('converts int64 to int32, refusing values outside its range', () => {
    const data = new Uint8Array(16);
    const view = new DataView(data.buffer);
    view.setBigInt64(0, -5n, true);
    view.setBigInt64(8, 2n ** 40n, true);
    const i64 = (shape: number[], end: number) => ({ dtype: 'I64', shape, data_offsets: [0, end] });
    expect(loadSafetensors(fileOf({ a: i64([1], 8) }, data.subarray(0, 8))).a!.tolist()).toEqual([
      -5,
    ]);
    expect(() => loadSafetensors(fileOf({ a: i64([2], 16) }, data))).toThrow(
      `tensor "a" (I64) holds ${2 ** 40} at element 1, outside int32's range`,
    );
  });

  it('reads F64, F16 and BF16 as float32', () => {
    const data = new Uint8Array(12);
    const view = new DataView(data.buffer);
    view.setFloat64(0, 0.5, true);
    view.setUint16(8, 0x3c00, true); // 1.0 as half
    view.setUint16(10, 0xc040, true); // -3.0 as bfloat16
    const sd = loadSafetensors(
      fileOf(
        {
          d: { dtype: 'F64', shape: [], data_offsets: [0, 8] },
          h: { dtype: 'F16', shape: [1], data_offsets: [8, 10] },
          b: { dtype: 'BF16', shape: [1], data_offsets: [10, 12] },
        },
        data,
      ),
    );
    expect([sd.d!.item(), sd.h!.item(), sd.b!.item()]).toEqual([0.5, 1, -3]);
    expect(sd.d!.dtype).toBe('float32');
  });

  it('writes to a temporary name first, leaving no stray file', async () => {
    const path = join(dir, 'atomic.safetensors');
    await saveFile({ x: tensor([1, 2]) }, path);
    expect(loadSafetensors(new Uint8Array(await readFile(path))).x!.tolist()).toEqual([1, 2]);
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(dir)).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});
