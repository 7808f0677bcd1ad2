import type { View } from '@nabla/backend';
import type { CpuBuffer } from '../cpu-buffer.js';
import { numelOf } from '../strided.js';
import { type GemmBlocks, type GemmTile, gemmModuleBytes, MAX_PAGES } from './gemm-module.js';
import { canStartWorkers, GemmWorkers, JOB } from './gemm-workers.js';
import type { MatmulAccumulator } from './micro-kernel.js';
import { batchOffsets, copiesSpan, matrixOf, type Operand, spanOf, stageSize } from './operand.js';
import { type WasmInstance, type WasmMemory, webAssemblyApi } from './webassembly.js';

/**
 * The register tiles and cache blocks, tuned on the project's 2-core Xeon (48 KiB L1d, 2 MiB L2)
 * in Node 20. float32: a `kc x 8` panel of B (16 KiB) stays in L1 while it meets every `4 x kc`
 * panel of an `mc x kc` block of A (128 KiB, in L2); float64 packs twice the bytes per value.
 */
export const TUNED: Record<MatmulAccumulator, { tile: GemmTile; blocks: GemmBlocks }> = {
  float32: {
    tile: { accumulator: 'float32', mr: 4, nr: 8, run: 64, relaxedMadd: false },
    blocks: { kc: 512, mc: 64, nc: 2048 },
  },
  float64: {
    tile: { accumulator: 'float64', mr: 4, nr: 4, run: 1, relaxedMadd: false },
    blocks: { kc: 256, mc: 64, nc: 2048 },
  },
};

/** A B operand of at least this many elements is packed by all threads (when there are some). */
const PACK_SHARED_MIN = 1 << 16;
/** Products of fewer multiply-adds per matrix stay on one thread (waking a worker costs ~10 us). */
const THREAD_MIN_MACS = 1 << 18;
/** Above this much WebAssembly memory a product is left to the reference kernel. */
const MAX_BYTES = 1 << 30;
/** Memory above this is handed back to the garbage collector after the product that grew it. */
const KEEP_BYTES = 64 << 20;
const PAGE = 65536;

interface GemmExports {
  packA(src: number, rs: number, cs: number, m: number, k: number, dst: number): void;
  packB(src: number, rs: number, cs: number, k: number, n: number, dst: number): void;
  gemmRows(...args: number[]): void;
}

/** The instance, its memory, a float32 view of that memory, and the workers that share it. */
interface Live {
  exports: GemmExports;
  memory: WasmMemory;
  heap: Float32Array;
  workers: GemmWorkers | null;
}

/**
 * Float32 matrix products in WebAssembly SIMD: both operands packed into panels, then a
 * register-tiled micro-kernel over cache-sized blocks (gemm-module.ts, micro-kernel.ts), C held
 * in float64 and rounded to float32 once. The module is compiled once (synchronously: it is a
 * few KB, under the 4 KB that browsers allow on the main thread).
 *
 * With `threads` above 1 (Node only), the rows of each product are shared among worker threads
 * on one shared memory (gemm-workers.ts); every element is computed the same way whichever
 * thread computes it, so results do not depend on the thread count. Single-threaded, the memory
 * grows on demand and is kept while it stays under {@link KEEP_BYTES}; shared, it is kept.
 *
 * @example
 * ```ts
 * const gemm = WasmGemm.create('float64');
 * const c = gemm?.multiply(a, b); // Float32Array of [..., M, N], or null
 * ```
 */
export class WasmGemm {
  private readonly module: object;
  private live: Live | null = null;

  /**
   * The tuned kernel for `accumulator`, with relaxed SIMD's fused multiply-add where the runtime
   * has it, on `threads` threads where it can start workers (else one); null where there is no
   * WebAssembly (or it refuses the module).
   */
  static create(accumulator: MatmulAccumulator, threads = 1): WasmGemm | null {
    const wasm = webAssemblyApi();
    if (wasm === null) return null;
    const { tile, blocks } = TUNED[accumulator];
    const fused = { ...tile, relaxedMadd: true };
    const best = wasm.validate(gemmModuleBytes(fused, blocks)) ? fused : tile;
    try {
      return new WasmGemm(best, blocks, canStartWorkers() ? threads : 1);
    } catch {
      return null;
    }
  }

  constructor(
    readonly tile: GemmTile,
    readonly blocks: GemmBlocks,
    readonly threads = 1,
  ) {
    const wasm = webAssemblyApi();
    if (wasm === null) throw new Error('WasmGemm: this runtime has no WebAssembly');
    this.module = new wasm.Module(gemmModuleBytes(tile, blocks, threads > 1));
  }

  /**
   * `a @ b` for float32 views `[..., M, K]` and `[..., K, N]` with equal batch dimensions
   * (any strides, 0 and negative included; M, N, K at least 1), as a new row-major
   * `[..., M, N]` array; null when the product needs more memory than this kernel takes on.
   */
  multiply(a: View<CpuBuffer>, b: View<CpuBuffer>): Float32Array | null {
    const r = a.shape.length;
    const [m, k] = a.shape.slice(r - 2) as [number, number];
    const n = b.shape[r - 1] as number;
    const batchShape = a.shape.slice(0, r - 2);
    const { mr, nr } = this.tile;
    const mp = roundUp(m, mr);
    const np = roundUp(n, nr);
    const aOffsets = batchOffsets(a, batchShape);
    const bOffsets = batchOffsets(b, batchShape);
    const aFirst = matrixOf(a, aOffsets[0] as number);
    const bFirst = matrixOf(b, bOffsets[0] as number);

    // memory, in floats: staged A and B, packed A and B, C (float64), C rounded; 64-byte aligned
    const es = this.packedBytes() / 4;
    const layout = [
      stageSize(aFirst),
      stageSize(bFirst),
      es * mp * k,
      es * k * np,
      2 * mp * np,
      mp * np,
    ];
    const starts: number[] = [];
    let end = 0;
    for (const size of layout) {
      starts.push(end);
      end += roundUp(size * 4, 64);
    }
    if (end > MAX_BYTES) return null;
    const live = this.reserve(end);
    const [stageA, stageB, packA, packB, c, c32] = starts as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    // rows of C per thread, whole tiles
    const parts = m * n * k < THREAD_MIN_MACS ? 1 : Math.min(this.threads, mp / mr);
    const bounds = Array.from({ length: parts + 1 }, (_, i) => roundUp((mp * i) / parts, mr));
    const args = bounds
      .slice(1)
      .map((row1, i) => [JOB.gemmRows, packA, packB, c, c32, mp, np, k, bounds[i] as number, row1])
      .filter((job) => (job[8] as number) < (job[9] as number));

    const out = new Float32Array(numelOf(batchShape) * m * n);
    let packedA = -1;
    let packedB = -1;
    aOffsets.forEach((ao, t) => {
      // an operand broadcast over the batch (stride 0) is staged and packed once
      if (ao !== packedA) {
        this.packOperand(live, { ...aFirst, offset: ao }, stageA, packA, mp, false);
        packedA = ao;
      }
      const bo = bOffsets[t] as number;
      if (bo !== packedB) {
        this.packOperand(live, { ...bFirst, offset: bo }, stageB, packB, np, true);
        packedB = bo;
      }
      const runHere = (job: readonly number[]) => live.exports.gemmRows(...job.slice(1));
      if (live.workers !== null && args.length > 1) live.workers.run(args, runHere);
      else args.forEach(runHere);
      const heap = this.heap(live);
      const from = c32 / 4;
      if (np === n) out.set(heap.subarray(from, from + m * n), t * m * n);
      else {
        for (let i = 0; i < m; i++) {
          out.set(heap.subarray(from + i * np, from + i * np + n), (t * m + i) * n);
        }
      }
    });
    if (end > KEEP_BYTES && live.workers === null) this.live = null;
    return out;
  }

  /** Bytes per value in packed panels: float32, or float64 for the float64 accumulator. */
  private packedBytes(): number {
    return this.tile.accumulator === 'float64' ? 8 : 4;
  }

  /**
   * Copies one operand into memory at `stage` and packs it at `dst`, one `kc` block of k at a
   * time (A: `[rows = M, cols = K]`, padded to `padded` rows; B: `[rows = K, cols = N]`).
   */
  private packOperand(
    live: Live,
    x: Operand,
    stage: number,
    dst: number,
    padded: number,
    isB: boolean,
  ): void {
    const { base, rs, cs } = this.stage(live, x, stage);
    const { packA, packB } = live.exports;
    const { kc } = this.blocks;
    const k = isB ? x.rows : x.cols;
    const lines = isB ? x.cols : x.rows;
    const along = isB ? rs : cs;
    const { nr } = this.tile;
    const es = this.packedBytes();
    // a large B is packed by every thread, each its share of the nr-wide panels
    const workers = isB && lines * k >= PACK_SHARED_MIN ? live.workers : null;
    const parts = workers === null ? 1 : Math.min(workers.size + 1, Math.floor(lines / nr));
    for (let pc = 0; pc < k; pc += kc) {
      const kcb = Math.min(kc, k - pc);
      const src = base + pc * along * 4;
      const to = dst + pc * padded * es;
      if (!isB) packA(src, rs * 4, cs * 4, lines, kcb, to);
      else if (workers === null || parts < 2) packB(src, rs * 4, cs * 4, kcb, lines, to);
      else {
        // panel p (columns p * nr ..) of this block starts at to + p * kcb * nr * es
        const edges = Array.from({ length: parts + 1 }, (_, i) =>
          Math.min(lines, roundUp((lines * i) / parts, nr)),
        );
        const jobs = edges.slice(1).map((c1, i) => {
          const c0 = edges[i] as number;
          return [JOB.packB, src + c0 * cs * 4, rs * 4, cs * 4, kcb, c1 - c0, to + c0 * kcb * es];
        });
        workers.run(jobs, (job) => packB(...(job.slice(1) as Parameters<typeof packB>)));
      }
    }
  }

  /**
   * Puts an operand's elements into memory at `stage`: its strided span in one copy when
   * {@link copiesSpan}, else gathered row-major. Returns the byte address of element (0, 0)
   * and the element strides to read it with.
   */
  private stage(live: Live, x: Operand, stage: number): { base: number; rs: number; cs: number } {
    const heap = this.heap(live);
    if (copiesSpan(x)) {
      const { lo, span } = spanOf(x);
      heap.set(x.data.subarray(lo, lo + span), stage / 4);
      return { base: stage + (x.offset - lo) * 4, rs: x.rs, cs: x.cs };
    }
    let at = stage / 4;
    for (let i = 0; i < x.rows; i++) {
      let from = x.offset + i * x.rs;
      for (let j = 0; j < x.cols; j++, from += x.cs) heap[at++] = x.data[from] as number;
    }
    return { base: stage, rs: x.cols, cs: 1 };
  }

  /** The instance (made, with its workers, on first use) with at least `bytes` of memory. */
  private reserve(bytes: number): Live {
    const wasm = webAssemblyApi();
    if (this.live === null && wasm !== null) {
      const shared = this.threads > 1;
      const initial = Math.ceil(bytes / PAGE);
      const memory = shared
        ? new wasm.Memory({ initial, maximum: MAX_PAGES, shared })
        : new wasm.Memory({ initial, maximum: MAX_PAGES });
      const instance: WasmInstance = new wasm.Instance(this.module, { env: { memory } });
      const exports = instance.exports as unknown as GemmExports;
      const workers = shared ? GemmWorkers.start(this.module, memory, this.threads - 1) : null;
      this.live = { exports, memory, heap: new Float32Array(memory.buffer), workers };
    }
    if (this.live === null) throw new Error('WasmGemm: this runtime has no WebAssembly');
    const have = this.live.memory.buffer.byteLength;
    if (bytes > have) this.live.memory.grow(Math.ceil((bytes - have) / PAGE));
    return this.live;
  }

  /** A float32 view of the memory (made again after the memory grew). */
  private heap(live: Live): Float32Array {
    if (
      live.heap.buffer !== live.memory.buffer ||
      live.heap.length * 4 < live.memory.buffer.byteLength
    ) {
      live.heap = new Float32Array(live.memory.buffer);
    }
    return live.heap;
  }
}

function roundUp(x: number, step: number): number {
  return Math.ceil(x / step) * step;
}
