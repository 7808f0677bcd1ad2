import { signedLeb128, unsignedLeb128 } from './leb128.js';

/** The value types of WebAssembly 2.0 used here, with their binary codes. */
export const VALUE_TYPE = { i32: 0x7f, f32: 0x7d, v128: 0x7b } as const;
export type ValueType = keyof typeof VALUE_TYPE;

/** `[T, T, ...]` with `N` elements. */
export type Tuple<T, N extends number, R extends T[] = []> = R['length'] extends N
  ? R
  : Tuple<T, N, [T, ...R]>;

/** A local variable (or parameter) of a function being written: its index and type. */
export interface Local {
  readonly index: number;
  readonly type: ValueType;
}

// Opcodes of the instructions this emitter writes (WebAssembly core 2.0 and SIMD, which Node 20
// runs without flags). SIMD ones follow the 0xfd prefix as an unsigned LEB128.
const OP = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  call: 0x10,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  f32Load: 0x2a,
  f32Store: 0x38,
  f64Store: 0x39,
  i32Const: 0x41,
  f32Const: 0x43,
  i32Eqz: 0x45,
  i32Ne: 0x47,
  i32LtS: 0x48,
  i32GtS: 0x4a,
  i32GeS: 0x4e,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  f64PromoteF32: 0xbb,
  simd: 0xfd,
} as const;

const SIMD = {
  v128Load: 0x00,
  v128Load32Splat: 0x09,
  v128Load64Splat: 0x0a,
  v128Store: 0x0b,
  v128Const: 0x0c,
  i8x16Shuffle: 0x0d,
  f32x4DemoteF64x2Zero: 0x5e,
  f64x2PromoteLowF32x4: 0x5f,
  f32x4Add: 0xe4,
  f32x4Mul: 0xe6,
  f32x4Sub: 0xe5,
  f32x4Div: 0xe7,
  f32x4Splat: 0x13,
  f64x2Splat: 0x14,
  f32x4Le: 0x45,
  f32x4Lt: 0x43,
  v128AndNot: 0x4f,
  f64x2Add: 0xf0,
  f64x2Mul: 0xf2,
  f32x4RelaxedMadd: 0x105,
  f64x2RelaxedMadd: 0x107,
} as const;

/** No value: the block type of a `block`, `loop` or `if` that leaves nothing on the stack. */
const EMPTY_BLOCK = 0x40;

/**
 * The body of one WebAssembly function, written instruction by instruction like an assembler
 * listing (`f.localGet(a).i32Const(4).i32Add().localSet(a)`). Structured control flow takes
 * callbacks: `f.loop(() => { ...; f.brIf(0); })`. Branch depths count enclosing blocks from the
 * innermost (0), as in the text format. Memory offsets are in bytes.
 *
 * @example
 * ```ts
 * const f = new WasmCode(['i32', 'i32']); // (param i32 i32)
 * const [x, y] = f.params;
 * f.localGet(x).localGet(y).i32Add(); // (result i32): x + y
 * ```
 */
export class WasmCode {
  /** The parameters, locals 0 .. n - 1. */
  readonly params: readonly Local[];
  private readonly locals: Local[] = [];
  private readonly bytes: number[] = [];

  constructor(params: readonly ValueType[]) {
    this.params = params.map((type, index) => ({ index, type }));
  }

  /** The first `n` parameters, as a tuple to destructure: `const [x, y] = f.args(2)`. */
  args<N extends number>(n: N): Tuple<Local, N> {
    if (n > this.params.length)
      throw new RangeError(`WasmCode: only ${this.params.length} parameters`);
    return this.params.slice(0, n) as Tuple<Local, N>;
  }

  /** Declares a new local of `type` (zero-initialised on entry, as WebAssembly does). */
  local(type: ValueType): Local {
    const l = { index: this.params.length + this.locals.length, type };
    this.locals.push(l);
    return l;
  }

  /** The encoded body: local declarations (grouped in runs of one type), code, `end`. */
  encode(): number[] {
    const runs: [number, ValueType][] = [];
    for (const { type } of this.locals) {
      const last = runs[runs.length - 1];
      if (last !== undefined && last[1] === type) last[0]++;
      else runs.push([1, type]);
    }
    const body = [
      ...unsignedLeb128(runs.length),
      ...runs.flatMap(([n, t]) => [...unsignedLeb128(n), VALUE_TYPE[t]]),
      ...this.bytes,
      OP.end,
    ];
    return [...unsignedLeb128(body.length), ...body];
  }

  // Control flow.
  block(body: () => void): this {
    return this.structured(OP.block, body);
  }
  loop(body: () => void): this {
    return this.structured(OP.loop, body);
  }
  /** `if` (on the i32 on the stack) with an optional `else`; neither arm leaves a value. */
  if(then: () => void, otherwise?: () => void): this {
    this.bytes.push(OP.if, EMPTY_BLOCK);
    then();
    if (otherwise !== undefined) {
      this.bytes.push(OP.else);
      otherwise();
    }
    this.bytes.push(OP.end);
    return this;
  }
  br(depth: number): this {
    return this.op(OP.br, ...unsignedLeb128(depth));
  }
  brIf(depth: number): this {
    return this.op(OP.brIf, ...unsignedLeb128(depth));
  }
  call(funcIndex: number): this {
    return this.op(OP.call, ...unsignedLeb128(funcIndex));
  }
  /** `select`: `c ? x : y` for the stack `x y c`. */
  select(): this {
    return this.op(OP.select);
  }

  // Locals.
  localGet(l: Local): this {
    return this.op(OP.localGet, ...unsignedLeb128(l.index));
  }
  localSet(l: Local): this {
    return this.op(OP.localSet, ...unsignedLeb128(l.index));
  }

  // i32 arithmetic.
  i32Const(v: number): this {
    return this.op(OP.i32Const, ...signedLeb128(v));
  }
  i32Add(): this {
    return this.op(OP.i32Add);
  }
  i32Sub(): this {
    return this.op(OP.i32Sub);
  }
  i32Mul(): this {
    return this.op(OP.i32Mul);
  }
  i32Eqz(): this {
    return this.op(OP.i32Eqz);
  }
  i32Ne(): this {
    return this.op(OP.i32Ne);
  }
  i32LtS(): this {
    return this.op(OP.i32LtS);
  }
  i32GtS(): this {
    return this.op(OP.i32GtS);
  }
  i32GeS(): this {
    return this.op(OP.i32GeS);
  }
  /** `local += delta` for an i32 local. */
  i32Increment(l: Local, delta: number | Local): this {
    this.localGet(l);
    if (typeof delta === 'number') this.i32Const(delta);
    else this.localGet(delta);
    return this.i32Add().localSet(l);
  }

  // Scalar float32.
  f32Const(v: number): this {
    const b = new Uint8Array(new Float32Array([v]).buffer);
    return this.op(OP.f32Const, ...b);
  }
  f32Load(offset = 0): this {
    return this.op(OP.f32Load, ...memarg(2, offset));
  }
  f32Store(offset = 0): this {
    return this.op(OP.f32Store, ...memarg(2, offset));
  }
  f64Store(offset = 0): this {
    return this.op(OP.f64Store, ...memarg(3, offset));
  }
  /** A float32 widened to float64 (exact). */
  f64PromoteF32(): this {
    return this.op(OP.f64PromoteF32);
  }

  // SIMD (v128, f32x4). Loads and stores need no alignment; the hint says 4 bytes.
  v128Load(offset = 0): this {
    return this.simd(SIMD.v128Load, ...memarg(2, offset));
  }
  v128Store(offset = 0): this {
    return this.simd(SIMD.v128Store, ...memarg(2, offset));
  }
  /** Loads one f64 and repeats it in both lanes. */
  v128Load64Splat(offset = 0): this {
    return this.simd(SIMD.v128Load64Splat, ...memarg(3, offset));
  }
  /** Loads one f32 and repeats it in all four lanes. */
  v128Load32Splat(offset = 0): this {
    return this.simd(SIMD.v128Load32Splat, ...memarg(2, offset));
  }
  /** A v128 constant of 16 bytes, little-endian lanes (all zero by default). */
  v128Const(bytes: readonly number[] = new Array<number>(16).fill(0)): this {
    return this.simd(SIMD.v128Const, ...bytes);
  }
  /** Byte `i` of the result is byte `lanes[i]` of the 32-byte concatenation of the two operands. */
  i8x16Shuffle(lanes: readonly number[]): this {
    return this.simd(SIMD.i8x16Shuffle, ...lanes);
  }
  f32x4Add(): this {
    return this.simd(SIMD.f32x4Add);
  }
  f64x2Add(): this {
    return this.simd(SIMD.f64x2Add);
  }
  f64x2Mul(): this {
    return this.simd(SIMD.f64x2Mul);
  }
  /** Lanes 0 and 1 of an f32x4 as an f64x2 (exact). */
  f64x2PromoteLowF32x4(): this {
    return this.simd(SIMD.f64x2PromoteLowF32x4);
  }
  /**
   * Lanes 2 and 3 of an f32x4 as an f64x2 (exact): a shuffle brings them down (the second
   * operand, zeros, goes unread), then promote.
   */
  f64x2PromoteHighF32x4(): this {
    const high = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23];
    return this.v128Const().i8x16Shuffle(high).f64x2PromoteLowF32x4();
  }
  /** An f64x2 rounded to lanes 0 and 1 of an f32x4 (to nearest, as `Math.fround`); lanes 2, 3 zero. */
  f32x4DemoteF64x2Zero(): this {
    return this.simd(SIMD.f32x4DemoteF64x2Zero);
  }
  f32x4Mul(): this {
    return this.simd(SIMD.f32x4Mul);
  }
  f32x4Sub(): this {
    return this.simd(SIMD.f32x4Sub);
  }
  f32x4Div(): this {
    return this.simd(SIMD.f32x4Div);
  }
  /** An f32 repeated in all four lanes. */
  f32x4Splat(): this {
    return this.simd(SIMD.f32x4Splat);
  }
  /** An f64 repeated in both lanes. */
  f64x2Splat(): this {
    return this.simd(SIMD.f64x2Splat);
  }
  /** Lane-wise `a <= b` as all-ones / all-zeros lanes (false for NaN). */
  f32x4Le(): this {
    return this.simd(SIMD.f32x4Le);
  }
  /** Lane-wise `a < b` as all-ones / all-zeros lanes (false for NaN). */
  f32x4Lt(): this {
    return this.simd(SIMD.f32x4Lt);
  }
  /** `a & ~b`, bitwise. */
  v128AndNot(): this {
    return this.simd(SIMD.v128AndNot);
  }
  /**
   * `a * b + c` for the stack `a b c`, fused or not as the machine prefers (relaxed SIMD:
   * Node 22+, or Node 20 with --experimental-wasm-relaxed-simd).
   */
  f32x4RelaxedMadd(): this {
    return this.simd(SIMD.f32x4RelaxedMadd);
  }

  /** `a * b + c` for f64x2, fused or not (relaxed SIMD, as {@link f32x4RelaxedMadd}). */
  f64x2RelaxedMadd(): this {
    return this.simd(SIMD.f64x2RelaxedMadd);
  }

  private structured(opcode: number, body: () => void): this {
    this.bytes.push(opcode, EMPTY_BLOCK);
    body();
    this.bytes.push(OP.end);
    return this;
  }
  private op(...bytes: number[]): this {
    for (const b of bytes) this.bytes.push(b);
    return this;
  }
  private simd(opcode: number, ...immediates: number[]): this {
    return this.op(OP.simd, ...unsignedLeb128(opcode), ...immediates);
  }
}

/** A memory argument: alignment as a power of two, then the byte offset. */
function memarg(alignLog2: number, offset: number): number[] {
  return [...unsignedLeb128(alignLog2), ...unsignedLeb128(offset)];
}
