import { MT_STATE_N, MT19937 } from './mt19937.js';

// Byte layout of ATen's CPUGeneratorImplState (x86-64, little-endian), which is what
// torch.Generator.get_state() / torch.get_rng_state() return:
//   legacy_pod: u64 the_initial_seed | i32 left | i32 seeded | u64 next | u64 state[624]
//               | f64 normal_x | f64 normal_y | f64 normal_rho | i32 normal_is_valid | 4 pad
//   f32 next_float_normal_sample | u8 is_next_float_normal_sample_valid | 3 pad
/** Size in bytes of a CPU generator state, `sizeof(CPUGeneratorImplState)`. */
export const STATE_BYTES = 5056;
const SEED = 0;
const LEFT = 8;
const SEEDED = 12;
const NEXT = 16;
const WORDS = 24;
const NORMAL_Y = WORDS + 8 * MT_STATE_N + 8; // normal_x (unused) comes first
const NORMAL_IS_VALID = NORMAL_Y + 16; // after normal_rho (unused)
const FLOAT_SAMPLE = NORMAL_IS_VALID + 8;
const FLOAT_SAMPLE_VALID = FLOAT_SAMPLE + 4;

/** A decoded generator state. */
export interface DecodedState {
  engine: MT19937;
  nextDoubleNormalSample: number | null;
  nextFloatNormalSample: number | null;
}

/** Writes an engine and its normal caches as `CPUGeneratorImpl::get_state()` does. */
export function encodeState(
  engine: MT19937,
  nextDouble: number | null,
  nextFloat: number | null,
): Uint8Array {
  const bytes = new Uint8Array(STATE_BYTES);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(SEED, engine.seed, true);
  view.setInt32(LEFT, engine.left, true);
  view.setInt32(SEEDED, 1, true);
  view.setBigUint64(NEXT, BigInt(engine.next), true);
  for (let i = 0; i < MT_STATE_N; i++) {
    view.setUint32(WORDS + 8 * i, engine.state[i] as number, true); // high half stays 0
  }
  if (nextDouble !== null) {
    view.setFloat64(NORMAL_Y, nextDouble, true);
    view.setInt32(NORMAL_IS_VALID, 1, true);
  }
  if (nextFloat !== null) {
    view.setFloat32(FLOAT_SAMPLE, nextFloat, true);
    view.setUint8(FLOAT_SAMPLE_VALID, 1);
  }
  return bytes;
}

/** Reads a state written by {@link encodeState} or PyTorch, checking it as `set_state()` does. */
export function decodeState(bytes: Uint8Array): DecodedState {
  if (bytes.length !== STATE_BYTES) {
    throw new RangeError(
      `setState: expected a state of ${STATE_BYTES} bytes, got ${bytes.length} bytes`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const engine = new MT19937(0n);
  engine.seed = view.getBigUint64(SEED, true);
  engine.left = view.getInt32(LEFT, true);
  const seeded = view.getInt32(SEEDED, true) !== 0;
  const next = view.getBigUint64(NEXT, true) & 0xffffffffn; // at::mt19937 keeps 32 bits
  engine.next = Number(next);
  for (let i = 0; i < MT_STATE_N; i++) {
    engine.state[i] = view.getUint32(WORDS + 8 * i, true); // uint64 -> uint32 keeps the low half
  }
  const valid = seeded && engine.left > 0 && engine.left <= MT_STATE_N && engine.next <= MT_STATE_N;
  if (!valid) throw new RangeError('setState: invalid mt19937 state');
  return {
    engine,
    nextDoubleNormalSample:
      view.getInt32(NORMAL_IS_VALID, true) !== 0 ? view.getFloat64(NORMAL_Y, true) : null,
    nextFloatNormalSample:
      view.getUint8(FLOAT_SAMPLE_VALID) !== 0 ? view.getFloat32(FLOAT_SAMPLE, true) : null,
  };
}
