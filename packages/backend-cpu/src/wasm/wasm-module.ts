import { unsignedLeb128 } from './leb128.js';
import { VALUE_TYPE, type ValueType, WasmCode } from './wasm-code.js';

/** The memory a module imports: its minimum size in 64 KiB pages, and for shared memory a maximum. */
export interface MemoryImport {
  module: string;
  name: string;
  minPages: number;
  /** A shared memory (threads) must declare a maximum; an unshared one may. */
  maxPages?: number;
  shared?: boolean;
}

interface FunctionEntry {
  typeIndex: number;
  code: WasmCode;
  exportName: string | null;
}

const SECTION = { type: 1, import: 2, function: 3, export: 7, code: 10 } as const;
const MAGIC_AND_VERSION = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/**
 * Writes a WebAssembly module binary: one imported memory and functions (exported or not), which
 * is all a compute kernel needs. Functions are numbered in the order they are added, from 0 (the
 * module imports no functions), so a function can call any function added before it.
 *
 * @example
 * ```ts
 * const m = new WasmModule({ module: 'env', name: 'memory', minPages: 1 });
 * m.addFunction('add', ['i32', 'i32'], ['i32'], (f) => {
 *   const [x, y] = f.params;
 *   f.localGet(x!).localGet(y!).i32Add();
 * });
 * const memory = new WebAssembly.Memory({ initial: 1 });
 * const instance = new WebAssembly.Instance(new WebAssembly.Module(m.toBytes()), { env: { memory } });
 * instance.exports.add(2, 3); // 5
 * ```
 */
export class WasmModule {
  private readonly types: string[] = [];
  private readonly functions: FunctionEntry[] = [];

  constructor(private readonly memory: MemoryImport) {}

  /** Adds a function, written by `build`; returns its index (for `call`). */
  addFunction(
    exportName: string | null,
    params: readonly ValueType[],
    results: readonly ValueType[],
    build: (f: WasmCode) => void,
  ): number {
    const type = [
      0x60,
      ...vector(params.map((t) => [VALUE_TYPE[t]])),
      ...vector(results.map((t) => [VALUE_TYPE[t]])),
    ];
    const key = type.join(',');
    let typeIndex = this.types.indexOf(key);
    if (typeIndex < 0) typeIndex = this.types.push(key) - 1;
    const code = new WasmCode(params);
    build(code);
    return this.functions.push({ typeIndex, code, exportName }) - 1;
  }

  /** The module binary. */
  toBytes(): Uint8Array {
    const { module, name, minPages, maxPages, shared = false } = this.memory;
    const limits =
      maxPages === undefined
        ? [0x00, ...unsignedLeb128(minPages)]
        : [shared ? 0x03 : 0x01, ...unsignedLeb128(minPages), ...unsignedLeb128(maxPages)];
    const exported = this.functions.flatMap((f, i) =>
      f.exportName === null ? [] : [[...utf8(f.exportName), 0x00, ...unsignedLeb128(i)]],
    );
    return new Uint8Array([
      ...MAGIC_AND_VERSION,
      ...section(SECTION.type, vector(this.types.map((t) => t.split(',').map(Number)))),
      ...section(SECTION.import, vector([[...utf8(module), ...utf8(name), 0x02, ...limits]])),
      ...section(SECTION.function, vector(this.functions.map((f) => unsignedLeb128(f.typeIndex)))),
      ...section(SECTION.export, vector(exported)),
      ...section(SECTION.code, vector(this.functions.map((f) => f.code.encode()))),
    ]);
  }
}

/** A vector: its length, then its elements. */
function vector(items: readonly (readonly number[])[]): number[] {
  return [...unsignedLeb128(items.length), ...items.flat()];
}

function section(id: number, content: readonly number[]): number[] {
  return [id, ...unsignedLeb128(content.length), ...content];
}

/** A name: its UTF-8 byte length, then the bytes. */
function utf8(s: string): number[] {
  const bytes = new TextEncoder().encode(s);
  return [...unsignedLeb128(bytes.length), ...bytes];
}
