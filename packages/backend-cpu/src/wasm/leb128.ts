/**
 * LEB128, the variable-length integer encoding of the WebAssembly binary format: 7 bits per
 * byte, low bits first, the high bit set on every byte but the last.
 *
 * @example
 * ```ts
 * unsignedLeb128(624485); // [0xe5, 0x8e, 0x26]
 * signedLeb128(-123456); // [0xc0, 0xbb, 0x78]
 * ```
 */
export function unsignedLeb128(value: number): number[] {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`unsignedLeb128: expected an integer in [0, 2^32), got ${value}`);
  }
  const out: number[] = [];
  let v = value;
  do {
    const byte = v & 0x7f;
    v = Math.floor(v / 128);
    out.push(v === 0 ? byte : byte | 0x80);
  } while (v !== 0);
  return out;
}

/**
 * Signed LEB128 (two's complement, sign-extended from the last byte's bit 6), as `i32.const`
 * immediates need. Accepts any 32-bit integer, signed or unsigned (`0xffffffff` encodes as -1).
 */
export function signedLeb128(value: number): number[] {
  if (!Number.isInteger(value) || value < -0x80000000 || value > 0xffffffff) {
    throw new RangeError(`signedLeb128: expected a 32-bit integer, got ${value}`);
  }
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}
