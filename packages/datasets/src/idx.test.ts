import { describe, expect, it } from 'vitest';
import { parseIdx } from './idx.js';

/** An IDX header: `0x00 0x00 type ndims`, then each size as a big-endian uint32. */
function header(type: number, dims: readonly number[]): number[] {
  const bytes = [0, 0, type, dims.length];
  for (const d of dims)
    bytes.push((d >>> 24) & 0xff, (d >>> 16) & 0xff, (d >>> 8) & 0xff, d & 0xff);
  return bytes;
}

/** An IDX file of big-endian values written with a DataView setter. */
function idxOf(
  type: number,
  dims: readonly number[],
  size: number,
  values: readonly number[],
  set: (view: DataView, offset: number, value: number) => void,
): Uint8Array {
  const head = header(type, dims);
  const bytes = new Uint8Array(head.length + size * values.length);
  bytes.set(head);
  const view = new DataView(bytes.buffer);
  for (const [i, v] of values.entries()) set(view, head.length + size * i, v);
  return bytes;
}

describe('parseIdx', () => {
  it('reads MNIST-style uint8 labels and images', () => {
    const labels = parseIdx(new Uint8Array([...header(0x08, [3]), 7, 2, 1]));
    expect(labels).toEqual({ dtype: 'uint8', dims: [3], data: new Uint8Array([7, 2, 1]) });

    const images = parseIdx(new Uint8Array([...header(0x08, [2, 2, 3]), ...Array(12).keys()]));
    expect(images.dtype).toBe('uint8');
    expect(images.dims).toEqual([2, 2, 3]);
    expect(Array.from(images.data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('reads every element type, big-endian', () => {
    const int8 = parseIdx(new Uint8Array([...header(0x09, [2]), 0xff, 0x80]));
    expect(int8).toEqual({ dtype: 'int8', dims: [2], data: new Int8Array([-1, -128]) });

    const int16 = parseIdx(idxOf(0x0b, [2], 2, [-2, 300], (v, o, x) => v.setInt16(o, x)));
    expect(int16).toEqual({ dtype: 'int16', dims: [2], data: new Int16Array([-2, 300]) });

    const values = [-70000, 2147483647];
    const int32 = parseIdx(idxOf(0x0c, [1, 2], 4, values, (v, o, x) => v.setInt32(o, x)));
    expect(int32).toEqual({ dtype: 'int32', dims: [1, 2], data: new Int32Array(values) });

    const f32 = parseIdx(idxOf(0x0d, [3], 4, [0.5, -1.25, 3], (v, o, x) => v.setFloat32(o, x)));
    expect(f32).toEqual({ dtype: 'float32', dims: [3], data: new Float32Array([0.5, -1.25, 3]) });

    const f64 = parseIdx(idxOf(0x0e, [2], 8, [0.1, -1e300], (v, o, x) => v.setFloat64(o, x)));
    expect(f64).toEqual({ dtype: 'float64', dims: [2], data: new Float64Array([0.1, -1e300]) });
  });

  it('reads bytes that sit at an offset inside a larger buffer', () => {
    const file = idxOf(0x0b, [2], 2, [1, -1], (v, o, x) => v.setInt16(o, x));
    const padded = new Uint8Array(file.length + 3);
    padded.set(file, 3);
    expect(parseIdx(padded.subarray(3)).data).toEqual(new Int16Array([1, -1]));
  });

  it('returns a plain typed array that copies the input, even from a Node Buffer', () => {
    const bytes = Buffer.from([...header(0x08, [1]), 5]);
    const { data } = parseIdx(bytes);
    bytes[8] = 6;
    expect(data[0]).toBe(5);
    expect(data.constructor).toBe(Uint8Array);
    const signed = Buffer.from([...header(0x09, [1]), 0xfe]);
    const int8 = parseIdx(signed).data;
    signed[8] = 0;
    expect(int8).toEqual(new Int8Array([-2]));
  });

  it('reports bad magic with the path and the bytes it found', () => {
    const path = 'data/train-labels-idx1-ubyte';
    expect(() => parseIdx(new Uint8Array([1, 0, 8, 1, 0, 0, 0, 0]), path)).toThrow(
      `${path}: bad magic: expected 0x00 0x00 <type> <ndims>, got 0x01 0x00 0x08 0x01`,
    );
    expect(() => parseIdx(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]), path)).toThrow(
      '(gzip data: gunzip it first, or read it with readIdxFile)',
    );
    expect(() => parseIdx(new Uint8Array([0, 0, 7, 1, 0, 0, 0, 0]), path)).toThrow(
      `${path}: bad magic: unknown data type 0x07 in 0x00 0x00 0x07 0x01`,
    );
    expect(() => parseIdx(new Uint8Array([0, 0, 8, 0]), path)).toThrow(
      `${path}: bad magic: 0 dimensions in 0x00 0x00 0x08 0x00`,
    );
  });

  it('reports a truncated header', () => {
    expect(() => parseIdx(new Uint8Array([0, 0]), 'f')).toThrow(
      'f: truncated: 2 bytes, too short for the 4-byte magic number',
    );
    expect(() => parseIdx(new Uint8Array([0, 0, 8, 3, 0, 0, 0, 1, 0, 0]), 'f')).toThrow(
      'f: truncated: header needs 16 bytes for 3 dimensions, file has 10',
    );
  });

  it('reports truncated data with what the header promised', () => {
    // The MNIST training images: 60000 x 28 x 28 bytes promised, 1000 present.
    const bytes = new Uint8Array([...header(0x08, [60000, 28, 28]), ...new Array(1000).fill(0)]);
    expect(() => parseIdx(bytes, '/data/train-images-idx3-ubyte')).toThrow(
      '/data/train-images-idx3-ubyte: truncated: header says 47040000 bytes of data, file has 1000',
    );
    const floats = new Uint8Array([...header(0x0d, [2]), 0, 0, 0, 0, 0, 0]);
    expect(() => parseIdx(floats)).toThrow(
      'IDX data: truncated: header says 8 bytes of data, file has 6',
    );
  });

  it('reports bytes beyond what the header describes', () => {
    expect(() => parseIdx(new Uint8Array([...header(0x08, [2]), 1, 2, 3]), 'f')).toThrow(
      'f: corrupt: header says 2 bytes of data, file has 3 (1 extra)',
    );
  });
});
