/**
 * The IDX format of MNIST, Fashion-MNIST, KMNIST and EMNIST (http://yann.lecun.com/exdb/mnist/):
 * a 4-byte magic number `0x00 0x00 <type> <ndims>`, `ndims` big-endian uint32 sizes, then the
 * values, big-endian, in row-major order.
 */

/** The element types an IDX file can hold, by their type byte. */
export type IdxDType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

interface IdxArrayOf<D extends IdxDType, A> {
  /** The element type named by the magic number's third byte. */
  dtype: D;
  /** The size of each dimension: `[10000, 28, 28]` for the MNIST test images. */
  dims: number[];
  /** The values in row-major order, converted to this machine's byte order. */
  data: A;
}

/** A parsed IDX file: its element type, its dimensions and its values. */
export type IdxArray =
  | IdxArrayOf<'uint8', Uint8Array>
  | IdxArrayOf<'int8', Int8Array>
  | IdxArrayOf<'int16', Int16Array>
  | IdxArrayOf<'int32', Int32Array>
  | IdxArrayOf<'float32', Float32Array>
  | IdxArrayOf<'float64', Float64Array>;

/** The type byte of each dtype and its size in bytes. */
const TYPES: ReadonlyMap<number, { dtype: IdxDType; size: number }> = new Map([
  [0x08, { dtype: 'uint8', size: 1 }],
  [0x09, { dtype: 'int8', size: 1 }],
  [0x0b, { dtype: 'int16', size: 2 }],
  [0x0c, { dtype: 'int32', size: 4 }],
  [0x0d, { dtype: 'float32', size: 4 }],
  [0x0e, { dtype: 'float64', size: 8 }],
]);

const hex = (byte: number): string => `0x${byte.toString(16).padStart(2, '0')}`;

/**
 * Reads an IDX file already in memory (not gzipped: see `readIdxFile`). Every value is checked
 * against the header: a file that is shorter or longer than its header says, or whose magic
 * number is wrong, is an error naming `path` and what is wrong, never read as garbage.
 *
 * Mirrors `torchvision.datasets.mnist.read_sn3_pascalvincent_tensor(path, strict=True)`, which
 * `torchvision.datasets.MNIST` and `FashionMNIST` load their files with; it returns typed arrays
 * instead of a tensor. Unlike torchvision it takes any number of dimensions from 1 up.
 *
 * @param bytes - the whole file
 * @param path - the file's name, for error messages
 * @returns the element type, dimensions and values; `data` is a copy, not a view of `bytes`
 * @throws Error `<path>: bad magic: ...` or `<path>: truncated: header says 47040000 bytes of
 *   data, file has 1000`.
 *
 * @example
 * ```ts
 * // 0x00 0x00 0x08 (uint8) 0x01 (1 dimension), size 3, values 7 2 1
 * parseIdx(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 3, 7, 2, 1]));
 * // { dtype: 'uint8', dims: [3], data: Uint8Array [7, 2, 1] }
 * ```
 */
export function parseIdx(bytes: Uint8Array, path = 'IDX data'): IdxArray {
  const fail = (what: string): Error => new Error(`${path}: ${what}`);
  if (bytes.length < 4) {
    throw fail(`truncated: ${bytes.length} bytes, too short for the 4-byte magic number`);
  }
  const magic = Array.from(bytes.subarray(0, 4), hex).join(' ');
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const gzipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
    const hint = gzipped ? ' (gzip data: gunzip it first, or read it with readIdxFile)' : '';
    throw fail(`bad magic: expected 0x00 0x00 <type> <ndims>, got ${magic}${hint}`);
  }
  const type = TYPES.get(bytes[2] ?? 0);
  if (type === undefined) {
    throw fail(
      `bad magic: unknown data type ${hex(bytes[2] ?? 0)} in ${magic} (expected 0x08 uint8, ` +
        '0x09 int8, 0x0b int16, 0x0c int32, 0x0d float32 or 0x0e float64)',
    );
  }
  const ndims = bytes[3] ?? 0;
  if (ndims === 0) throw fail(`bad magic: 0 dimensions in ${magic}`);

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerSize = 4 + 4 * ndims;
  if (bytes.length < headerSize) {
    throw fail(
      `truncated: header needs ${headerSize} bytes for ${ndims} dimensions, file has ${bytes.length}`,
    );
  }
  const dims: number[] = [];
  for (let i = 0; i < ndims; i++) dims.push(view.getUint32(4 + 4 * i, false));

  const count = dims.reduce((n, d) => n * d, 1);
  const expected = count * type.size;
  const available = bytes.length - headerSize;
  if (available < expected) {
    throw fail(`truncated: header says ${expected} bytes of data, file has ${available}`);
  }
  if (available > expected) {
    throw fail(
      `corrupt: header says ${expected} bytes of data, file has ${available} ` +
        `(${available - expected} extra)`,
    );
  }
  return decode(type.dtype, bytes.subarray(headerSize), dims, count);
}

/** Converts `count` big-endian values of `dtype` (all of `raw`) into a new typed array. */
function decode(dtype: IdxDType, raw: Uint8Array, dims: number[], count: number): IdxArray {
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  switch (dtype) {
    // Copied with the typed-array constructors: a Node Buffer's slice() is a view, not a copy.
    case 'uint8':
      return { dtype, dims, data: new Uint8Array(raw) };
    case 'int8':
      return { dtype, dims, data: new Int8Array(new Uint8Array(raw).buffer) };
    case 'int16': {
      const data = new Int16Array(count);
      for (let i = 0; i < count; i++) data[i] = view.getInt16(2 * i, false);
      return { dtype, dims, data };
    }
    case 'int32': {
      const data = new Int32Array(count);
      for (let i = 0; i < count; i++) data[i] = view.getInt32(4 * i, false);
      return { dtype, dims, data };
    }
    case 'float32': {
      const data = new Float32Array(count);
      for (let i = 0; i < count; i++) data[i] = view.getFloat32(4 * i, false);
      return { dtype, dims, data };
    }
    case 'float64': {
      const data = new Float64Array(count);
      for (let i = 0; i < count; i++) data[i] = view.getFloat64(8 * i, false);
      return { dtype, dims, data };
    }
  }
}
