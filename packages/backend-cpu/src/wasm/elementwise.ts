import type { WasmCode } from './wasm-code.js';
import { WasmModule } from './wasm-module.js';
import { type WasmMemory, webAssemblyApi } from './webassembly.js';

/** The float32 arithmetic ops with a SIMD loop. */
export type ArithOp = 'add' | 'sub' | 'mul' | 'div';
const ARITH: readonly ArithOp[] = ['add', 'sub', 'mul', 'div'];

/** Below this many elements the JavaScript loops are as fast (copying in and out costs). */
export const WASM_MIN_ELEMENTS = 2048;

const PAGE = 65536;
/** Memory above this is handed back to the garbage collector after the call that grew it. */
const KEEP_BYTES = 64 << 20;

function arith(f: WasmCode, op: ArithOp): void {
  if (op === 'add') f.f32x4Add();
  else if (op === 'sub') f.f32x4Sub();
  else if (op === 'mul') f.f32x4Mul();
  else f.f32x4Div();
}

/**
 * `for (i = 0; i < groups * 16; i += 16) body(i)`: the loop over groups of four floats, with `i`
 * the byte offset of the group.
 */
function eachGroup(
  f: WasmCode,
  groups: WasmCode['params'][number],
  body: (i: WasmCode['params'][number]) => void,
): void {
  const i = f.local('i32');
  const end = f.local('i32');
  f.localGet(groups).i32Const(16).i32Mul().localSet(end);
  f.block(() =>
    f.loop(() => {
      f.localGet(i).localGet(end).i32GeS().brIf(1);
      body(i);
      f.i32Increment(i, 16);
      f.br(0);
    }),
  );
}

/** The module: the arithmetic ops (array-array, array-scalar, scalar-array), axpy, threshold. */
function moduleBytes(): Uint8Array {
  const m = new WasmModule({ module: 'env', name: 'memory', minPages: 1 });
  for (const op of ARITH) {
    // out = a op b
    m.addFunction(`vv_${op}`, ['i32', 'i32', 'i32', 'i32'], [], (f) => {
      const [a, b, out, groups] = f.args(4);
      eachGroup(f, groups, (i) => {
        f.localGet(out).localGet(i).i32Add();
        f.localGet(a).localGet(i).i32Add().v128Load();
        f.localGet(b).localGet(i).i32Add().v128Load();
        arith(f, op);
        f.v128Store();
      });
    });
    // out = a op s, and out = s op a
    for (const scalarFirst of [false, true]) {
      m.addFunction(`${scalarFirst ? 'sv' : 'vs'}_${op}`, ['i32', 'f32', 'i32', 'i32'], [], (f) => {
        const [a, s, out, groups] = f.args(4);
        const splat = f.local('v128');
        f.localGet(s).f32x4Splat().localSet(splat);
        eachGroup(f, groups, (i) => {
          f.localGet(out).localGet(i).i32Add();
          if (scalarFirst) f.localGet(splat);
          f.localGet(a).localGet(i).i32Add().v128Load();
          if (!scalarFirst) f.localGet(splat);
          arith(f, op);
          f.v128Store();
        });
      });
    }
  }
  // out = a + s * b in doubles (the product is exact), rounded once to float32 per lane
  m.addFunction('axpy', ['i32', 'i32', 'i32', 'i32', 'f32'], [], (f) => {
    const [a, b, out, groups, s] = f.args(5);
    const s2 = f.local('v128');
    const lo = f.local('v128');
    f.localGet(s).f64PromoteF32().f64x2Splat().localSet(s2);
    const half = (i: WasmCode['params'][number], high: boolean) => {
      f.localGet(a).localGet(i).i32Add().v128Load();
      if (high) f.f64x2PromoteHighF32x4();
      else f.f64x2PromoteLowF32x4();
      f.localGet(b).localGet(i).i32Add().v128Load();
      if (high) f.f64x2PromoteHighF32x4();
      else f.f64x2PromoteLowF32x4();
      f.localGet(s2).f64x2Mul().f64x2Add().f32x4DemoteF64x2Zero();
    };
    eachGroup(f, groups, (i) => {
      half(i, false);
      f.localSet(lo);
      f.localGet(out).localGet(i).i32Add();
      f.localGet(lo);
      half(i, true);
      // lanes 0, 1 of the first (bytes 0-7) and of the second (bytes 16-23)
      f.i8x16Shuffle([0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23]);
      f.v128Store();
    });
  });
  // out = x < 0 ? 0 : x (NaN and -0 stay: only lanes below 0 are cleared)
  m.addFunction('relu', ['i32', 'i32', 'i32'], [], (f) => {
    const [x, out, groups] = f.args(3);
    eachGroup(f, groups, (i) => {
      f.localGet(out).localGet(i).i32Add();
      f.localGet(x).localGet(i).i32Add().v128Load();
      f.localGet(x).localGet(i).i32Add().v128Load();
      f.v128Const().f32x4Lt();
      f.v128AndNot();
      f.v128Store();
    });
  });
  // out = x <= t ? 0 : g
  m.addFunction('threshold', ['i32', 'i32', 'i32', 'i32', 'f32'], [], (f) => {
    const [g, x, out, groups, t] = f.args(5);
    const splat = f.local('v128');
    f.localGet(t).f32x4Splat().localSet(splat);
    eachGroup(f, groups, (i) => {
      f.localGet(out).localGet(i).i32Add();
      f.localGet(g).localGet(i).i32Add().v128Load();
      f.localGet(x).localGet(i).i32Add().v128Load();
      f.localGet(splat).f32x4Le();
      f.v128AndNot();
      f.v128Store();
    });
  });
  return m.toBytes();
}

type Kernel = (...args: number[]) => void;

interface Live {
  exports: Record<string, Kernel>;
  memory: WasmMemory;
  heap: Float32Array;
}

/** An operand: float32 elements, or one number broadcast. */
export type Operand = Float32Array | number;

/**
 * Float32 elementwise loops in WebAssembly SIMD, four lanes at a time: the operands are copied
 * into the module's memory, the loop runs, and the result is copied out. Each op gives the bits
 * the JavaScript loops give (IEEE `+ - * /` round the same in float32 as through a double; axpy
 * computes in doubles as they do). Null where there is no WebAssembly.
 */
export class WasmElementwise {
  private live: Live | null = null;

  private constructor(private readonly module: object) {}

  static create(): WasmElementwise | null {
    const wasm = webAssemblyApi();
    if (wasm === null) return null;
    try {
      return new WasmElementwise(new wasm.Module(moduleBytes()));
    } catch {
      return null;
    }
  }

  /** `a op b` for `n` elements; at most one side a number. */
  arith(op: ArithOp, a: Operand, b: Operand, n: number): Float32Array {
    if (typeof a === 'number' && typeof b !== 'number') {
      return this.call(`sv_${op}`, [b], n, [a]);
    }
    if (typeof b === 'number' && typeof a !== 'number') return this.call(`vs_${op}`, [a], n, [b]);
    return this.call(`vv_${op}`, [a as Float32Array, b as Float32Array], n, []);
  }

  /** `a + s * b` rounded once per element (s already float32). */
  axpy(a: Float32Array, b: Float32Array, s: number, n: number): Float32Array {
    return this.call('axpy', [a, b], n, [s], true);
  }

  /** `x < 0 ? 0 : x` (ReLU keeping NaN and -0, as the JavaScript kernel does). */
  relu(x: Float32Array, n: number): Float32Array {
    return this.call('relu', [x], n, [], true);
  }

  /** `x <= t ? 0 : g`. */
  threshold(g: Float32Array, x: Float32Array, t: number, n: number): Float32Array {
    return this.call('threshold', [g, x], n, [t], true);
  }

  /**
   * Copies `arrays` in (each at a 16-byte boundary), runs `name(ptrs..., [scalars before or
   * after], out, groups)`, and copies the result out.
   */
  private call(
    name: string,
    arrays: readonly Float32Array[],
    n: number,
    scalars: readonly number[],
    scalarsLast = false,
  ): Float32Array {
    const stride = Math.ceil(n / 4) * 16;
    const live = this.reserve(stride * (arrays.length + 1));
    const heap = this.heap(live);
    const ptrs = arrays.map((arr, k) => {
      heap.set(arr.subarray(0, n), (k * stride) / 4);
      return k * stride;
    });
    const out = arrays.length * stride;
    const groups = stride / 16;
    const fn = live.exports[name] as Kernel;
    if (scalarsLast) fn(...ptrs, out, groups, ...scalars);
    else if (ptrs.length === 1) fn(ptrs[0] as number, ...scalars, out, groups);
    else fn(...ptrs, out, groups);
    const result = this.heap(live).slice(out / 4, out / 4 + n);
    if (live.memory.buffer.byteLength > KEEP_BYTES) this.live = null;
    return result;
  }

  private reserve(bytes: number): Live {
    const wasm = webAssemblyApi();
    if (this.live === null) {
      if (wasm === null) throw new Error('WasmElementwise: this runtime has no WebAssembly');
      const memory = new wasm.Memory({ initial: Math.max(1, Math.ceil(bytes / PAGE)) });
      const instance = new wasm.Instance(this.module, { env: { memory } });
      this.live = {
        exports: instance.exports as Record<string, Kernel>,
        memory,
        heap: new Float32Array(memory.buffer),
      };
    }
    const have = this.live.memory.buffer.byteLength;
    if (bytes > have) this.live.memory.grow(Math.ceil((bytes - have) / PAGE));
    return this.live;
  }

  private heap(live: Live): Float32Array {
    if (live.heap.buffer !== live.memory.buffer) live.heap = new Float32Array(live.memory.buffer);
    return live.heap;
  }
}

let shared: WasmElementwise | null | undefined;

/** The process's one instance (made on first use), or null where there is no WebAssembly. */
export function wasmElementwise(): WasmElementwise | null {
  if (shared === undefined) shared = WasmElementwise.create();
  return shared;
}
