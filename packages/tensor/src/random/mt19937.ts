/** Number of 32-bit words in the Mersenne Twister state (`MERSENNE_STATE_N`). */
export const MT_STATE_N = 624;
const M = 397; // MERSENNE_STATE_M
const MATRIX_A = 0x9908b0df;
const UMASK = 0x80000000;
const LMASK = 0x7fffffff;

/**
 * The 32-bit Mersenne Twister, word for word as PyTorch's `at::mt19937` (ATen/core/MT19937RNGEngine.h),
 * which is the engine behind every CPU `torch.Generator`.
 *
 * Its fields are those of `at::mt19937_data_pod`, so that a generator state can be copied in and out
 * of `torch.get_rng_state()`'s bytes.
 *
 * @example
 * const mt = new MT19937(5489n);
 * mt.nextUint32(); // 3499211612, as std::mt19937's first output
 */
export class MT19937 {
  /** The seed this engine was last seeded with (`seed_`), a 64-bit unsigned integer. */
  seed: bigint;
  /** Outputs left before the next twist, plus one (`left_`). */
  left: number;
  /** Index of the next state word to temper (`next_`). */
  next: number;
  /** The 624 words of state (`state_`). */
  readonly state: Uint32Array;

  constructor(seed: bigint = 5489n) {
    this.seed = 0n;
    this.left = 1;
    this.next = 0;
    this.state = new Uint32Array(MT_STATE_N);
    this.reseed(seed);
  }

  /**
   * Re-initialises the state from `seed` (`init_with_uint32`): only the low 32 bits of the seed
   * enter the state, but the whole 64-bit seed is remembered.
   */
  reseed(seed: bigint): void {
    const s = this.state;
    this.seed = BigInt.asUintN(64, seed);
    s[0] = Number(this.seed & 0xffffffffn);
    for (let j = 1; j < MT_STATE_N; j++) {
      const prev = s[j - 1] as number;
      // 1812433253 * (prev ^ (prev >> 30)) + j, all modulo 2^32
      s[j] = Math.imul(1812433253, prev ^ (prev >>> 30)) + j;
    }
    this.left = 1;
    this.next = 0;
  }

  /** The next 32-bit output, an integer in [0, 2^32) (`operator()`). */
  nextUint32(): number {
    this.left -= 1;
    if (this.left === 0) this.twist();
    let y = this.state[this.next] as number;
    this.next += 1;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** An independent copy of this engine. */
  clone(): MT19937 {
    const copy = new MT19937(0n);
    copy.copyFrom(this);
    return copy;
  }

  /** Makes this engine an exact copy of `other`. */
  copyFrom(other: MT19937): void {
    this.seed = other.seed;
    this.left = other.left;
    this.next = other.next;
    this.state.set(other.state);
  }

  /** Regenerates all 624 words (`next_state`). */
  private twist(): void {
    const s = this.state;
    const n = MT_STATE_N;
    this.left = n;
    this.next = 0;
    for (let i = 0; i < n; i++) {
      const u = s[i] as number;
      // The last word pairs with word 0, which the loop has already rewritten, as at::mt19937 does.
      const v = s[(i + 1) % n] as number;
      const mixed = (u & UMASK) | (v & LMASK);
      const twisted = (mixed >>> 1) ^ (v & 1 ? MATRIX_A : 0);
      s[i] = (s[(i + M) % n] as number) ^ twisted;
    }
  }
}
