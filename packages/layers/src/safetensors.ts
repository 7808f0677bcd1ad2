/**
 * The safetensors format (https://github.com/huggingface/safetensors), the file PyTorch users
 * share weights in: 8 bytes giving the length N of a JSON header (unsigned 64-bit,
 * little-endian), the header `{name: {dtype, shape, data_offsets: [begin, end]}, __metadata__?}`,
 * then the tensors' bytes, row-major and little-endian. Works on `Uint8Array`, so it runs in
 * browsers as well as Node; `saveFile` / `loadFile` add the file system.
 */
import { type DType, numel, shapeToString } from '@nabla/backend';
import { NablaError, type Tensor, tensor } from '@nabla/tensor';

/** How each file dtype is read: its size in bytes, Nabla's dtype, and the reader. */
interface FileDType {
  bytes: number;
  dtype: DType;
  read(view: DataView, at: number): number;
}

function half(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? Number.NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** Every dtype a file may hold. Integers become int32, floats float32, as Nabla has them. */
const READERS: Record<string, FileDType> = {
  F32: { bytes: 4, dtype: 'float32', read: (v, at) => v.getFloat32(at, true) },
  F64: { bytes: 8, dtype: 'float32', read: (v, at) => v.getFloat64(at, true) },
  F16: { bytes: 2, dtype: 'float32', read: (v, at) => half(v.getUint16(at, true)) },
  BF16: {
    bytes: 2,
    dtype: 'float32',
    read: (v, at) =>
      new Float32Array(new Uint32Array([v.getUint16(at, true) << 16]).buffer)[0] as number,
  },
  I64: { bytes: 8, dtype: 'int32', read: (v, at) => Number(v.getBigInt64(at, true)) },
  I32: { bytes: 4, dtype: 'int32', read: (v, at) => v.getInt32(at, true) },
  I16: { bytes: 2, dtype: 'int32', read: (v, at) => v.getInt16(at, true) },
  I8: { bytes: 1, dtype: 'int32', read: (v, at) => v.getInt8(at) },
  U8: { bytes: 1, dtype: 'int32', read: (v, at) => v.getUint8(at) },
  BOOL: { bytes: 1, dtype: 'bool', read: (v, at) => (v.getUint8(at) ? 1 : 0) },
};

const WRITE_CODES: Record<DType, string> = { float32: 'F32', int32: 'I32', bool: 'BOOL' };

function bad(message: string): never {
  throw new NablaError(`loadSafetensors: ${message}`);
}

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

/** Checks one header entry and returns its reader. */
function checkEntry(name: string, e: unknown, dataSize: number): [HeaderEntry, FileDType] {
  const entry = e as Partial<HeaderEntry> | null;
  const reader = READERS[String(entry?.dtype)];
  if (entry === null || typeof entry !== 'object' || reader === undefined) {
    bad(`tensor "${name}" has an unknown dtype ${JSON.stringify(entry?.dtype)}`);
  }
  const { shape, data_offsets: offsets } = entry;
  if (!Array.isArray(shape) || shape.some((s) => !Number.isInteger(s) || s < 0)) {
    bad(`tensor "${name}" has an invalid shape ${JSON.stringify(shape)}`);
  }
  if (
    !Array.isArray(offsets) ||
    offsets.length !== 2 ||
    !offsets.every(Number.isInteger) ||
    offsets[0] < 0 ||
    offsets[1] < offsets[0] ||
    offsets[1] > dataSize
  ) {
    bad(
      `tensor "${name}" has data_offsets ${JSON.stringify(offsets)} outside the ${dataSize} data bytes`,
    );
  }
  const expected = numel(shape) * reader.bytes;
  if (offsets[1] - offsets[0] !== expected) {
    bad(
      `tensor "${name}" of dtype ${entry.dtype} and shape ${shapeToString(shape)} needs ${expected} bytes, but data_offsets give ${offsets[1] - offsets[0]}`,
    );
  }
  return [entry as HeaderEntry, reader];
}

/**
 * Reads a safetensors file's bytes into tensors by name, on the default device. F32 (and F64,
 * F16, BF16) become float32; I64 (PyTorch's long) and the other integers become int32, with an
 * error for a value outside int32's range; BOOL becomes bool. A truncated or corrupt file is an
 * error that says what is wrong.
 *
 * Mirrors `safetensors.torch.load(bytes)`.
 *
 * @example
 * ```ts
 * const sd = loadSafetensors(bytes);
 * net.loadStateDict(sd);
 * ```
 */
export function loadSafetensors(bytes: Uint8Array): Record<string, Tensor> {
  if (bytes.length < 8)
    bad(`the file has ${bytes.length} bytes, fewer than the 8 of the header length`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  if (headerLength > bytes.length - 8) {
    bad(
      `the header length ${headerLength} exceeds the ${bytes.length - 8} bytes after it (truncated file?)`,
    );
  }
  let header: unknown;
  try {
    header = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)),
    );
  } catch (e) {
    bad(`the header is not valid UTF-8 JSON (${(e as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    bad('the header is not a JSON object');
  const start = 8 + headerLength;
  const dataSize = bytes.length - start;
  const out: Record<string, Tensor> = {};
  for (const [name, e] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const [entry, reader] = checkEntry(name, e, dataSize);
    const n = numel(entry.shape);
    const values =
      reader.dtype === 'float32'
        ? new Float32Array(n)
        : reader.dtype === 'int32'
          ? new Int32Array(n)
          : new Uint8Array(n);
    const base = start + entry.data_offsets[0];
    for (let i = 0; i < n; i++) {
      const v = reader.read(view, base + i * reader.bytes);
      if (reader.dtype === 'int32' && (v < INT32_MIN || v > INT32_MAX)) {
        bad(`tensor "${name}" (${entry.dtype}) holds ${v} at element ${i}, outside int32's range`);
      }
      values[i] = v;
    }
    out[name] = tensor(values, { dtype: reader.dtype }).reshape(entry.shape);
  }
  return out;
}

/** The `__metadata__` strings of a safetensors file (empty when it has none). */
export function safetensorsMetadata(bytes: Uint8Array): Record<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 8) bad(`the file has ${bytes.length} bytes, fewer than 8`);
  const n = Number(view.getBigUint64(0, true));
  if (n > bytes.length - 8) bad(`the header length ${n} exceeds the file (truncated file?)`);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n))) as Record<
    string,
    unknown
  >;
  return (header.__metadata__ as Record<string, string> | undefined) ?? {};
}

/**
 * Writes tensors (a state dict) as safetensors bytes, in the order given: float32 as F32,
 * int32 as I32, bool as BOOL. `metadata` goes in `__metadata__` (PyTorch writes
 * `{format: 'pt'}`). Mirrors `safetensors.torch.save(tensors, metadata)`.
 *
 * @example
 * ```ts
 * const bytes = saveSafetensors(net.stateDict(), { format: 'pt' });
 * ```
 */
export function saveSafetensors(
  tensors: Record<string, Tensor>,
  metadata?: Record<string, string>,
): Uint8Array {
  const header: Record<string, unknown> = {};
  if (metadata !== undefined) header.__metadata__ = metadata;
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const values = t.dataSync();
    const size = t.dtype === 'float32' || t.dtype === 'int32' ? 4 : 1;
    const chunk = new Uint8Array(values.length * size);
    const view = new DataView(chunk.buffer);
    values.forEach((v, i) => {
      if (t.dtype === 'float32') view.setFloat32(i * 4, v, true);
      else if (t.dtype === 'int32') view.setInt32(i * 4, v, true);
      else view.setUint8(i, v ? 1 : 0);
    });
    header[name] = {
      dtype: WRITE_CODES[t.dtype],
      shape: [...t.shape],
      data_offsets: [offset, offset + chunk.length],
    };
    chunks.push(chunk);
    offset += chunk.length;
  }
  let text = JSON.stringify(header);
  // pad with spaces so that the data starts 8-byte aligned, as safetensors does
  const encoded = new TextEncoder().encode(text);
  text += ' '.repeat((8 - ((8 + encoded.length) % 8)) % 8);
  const head = new TextEncoder().encode(text);
  const out = new Uint8Array(8 + head.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  let at = 8 + head.length;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
