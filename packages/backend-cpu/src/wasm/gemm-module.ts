import { blockLoops, type GemmBlocks } from './block-loops.js';
import { type GemmTile, microKernel } from './micro-kernel.js';
import { packPanels } from './pack-panels.js';
import type { WasmCode } from './wasm-code.js';
import { WasmModule } from './wasm-module.js';

export type { GemmBlocks } from './block-loops.js';
export type { GemmTile } from './micro-kernel.js';

/** The most memory the module can address: 1 GiB, in 64 KiB pages (a shared memory needs one). */
export const MAX_PAGES = 16384;

/**
 * The matrix-multiply module (the GotoBLAS / BLIS design), generated for one register tile and
 * one cache blocking. Exports, all on the imported `env.memory` (shared for threads), with byte
 * addresses and byte strides:
 *
 * - `packA(src, rs, cs, m, k, dst)`: an `m x k` block of float32 A (element `(i, p)` at
 *   `src + i * rs + p * cs`) as `ceil(m / mr)` panels of `k x mr`, rows past `m` zero; the
 *   panels hold float32, or float64 for the `'float64'` accumulator.
 * - `packB(src, rs, cs, k, n, dst)`: a `k x n` block of B as `ceil(n / nr)` panels of `k x nr`,
 *   columns past `n` zero.
 * - `gemmRows(packA, packB, c, out, mp, np, k, row0, row1)`: rows `[row0, row1)` of the
 *   product of the packed operands, through a float64 C at `c`, rounded into float32 `out`
 *   (see block-loops.ts; inside, `gebp` runs the micro-kernel over one block and `demote`
 *   rounds).
 *
 * Strides may be negative (flipped views). Nothing checks bounds beyond WebAssembly's own.
 *
 * @example
 * ```ts
 * const tile = { accumulator: 'float32', mr: 4, nr: 8, run: 64, relaxedMadd: false } as const;
 * const bytes = gemmModuleBytes(tile, { kc: 512, mc: 64, nc: 2048 });
 * const module = new WebAssembly.Module(bytes); // imports env.memory
 * ```
 */
export function gemmModuleBytes(tile: GemmTile, blocks: GemmBlocks, shared = false): Uint8Array {
  const { mr, nr, run } = tile;
  const wide = tile.accumulator === 'float64';
  if (nr % (wide ? 2 : 4) !== 0 || mr < 1 || run < 1) {
    throw new RangeError(`gemm: bad tile ${mr}x${nr} (run ${run})`);
  }
  const m = new WasmModule({
    module: 'env',
    name: 'memory',
    minPages: 1,
    maxPages: MAX_PAGES,
    shared,
  });
  const i32x6 = ['i32', 'i32', 'i32', 'i32', 'i32', 'i32'] as const;
  const i32x9 = [...i32x6, 'i32', 'i32', 'i32'] as const;
  const kernel = m.addFunction(null, i32x6, [], (f) => microKernel(f, tile));
  const gebp = m.addFunction(null, [...i32x6, 'i32', 'i32'], [], (f) =>
    macroKernel(f, kernel, tile),
  );
  const round = m.addFunction(null, ['i32', 'i32', 'i32'], [], demote);
  m.addFunction('gemmRows', i32x9, [], (f) => blockLoops(f, gebp, round, tile, blocks));
  m.addFunction('packA', i32x6, [], (f) => packPanels(f, mr, false, wide));
  m.addFunction('packB', i32x6, [], (f) => packPanels(f, nr, true, wide));
  return m.toBytes();
}

/** Runs the micro-kernel over every tile of an `mc x nc` block of C: panels of B outside. */
function macroKernel(f: WasmCode, kernel: number, { mr, nr, accumulator }: GemmTile): void {
  const es = accumulator === 'float64' ? 8 : 4; // bytes per packed value
  const [a, b, c, mc, nc, kc, ldc, accumulate] = f.args(8);
  const ap = f.local('i32');
  const ci = f.local('i32');
  const i = f.local('i32');
  const aPanel = f.local('i32');
  const bPanel = f.local('i32');
  const cRows = f.local('i32');
  f.localGet(kc)
    .i32Const(mr * es)
    .i32Mul()
    .localSet(aPanel);
  f.localGet(kc)
    .i32Const(nr * es)
    .i32Mul()
    .localSet(bPanel);
  f.localGet(ldc).i32Const(mr).i32Mul().localSet(cRows);
  f.loop(() => {
    f.localGet(a).localSet(ap).localGet(c).localSet(ci).localGet(mc).localSet(i);
    f.loop(() => {
      f.localGet(ap).localGet(b).localGet(ci).localGet(kc).localGet(ldc).localGet(accumulate);
      f.call(kernel);
      f.i32Increment(ap, aPanel).i32Increment(ci, cRows);
      f.i32Increment(i, -mr).localGet(i).i32Const(0).i32GtS().brIf(0);
    });
    f.i32Increment(b, bPanel).i32Increment(c, nr * 8);
    f.i32Increment(nc, -nr).localGet(nc).i32Const(0).i32GtS().brIf(0);
  });
}

/** `dst[0 .. count) = fround(src[0 .. count))` (`count` a multiple of 4; `dst` may be `src`). */
function demote(f: WasmCode): void {
  const [src, count, dst] = f.args(3);
  f.loop(() => {
    f.localGet(dst);
    f.localGet(src).v128Load(0).f32x4DemoteF64x2Zero();
    f.localGet(src).v128Load(16).f32x4DemoteF64x2Zero();
    f.i8x16Shuffle([0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23]).v128Store(0);
    f.i32Increment(src, 32).i32Increment(dst, 16);
    f.i32Increment(count, -4).localGet(count).i32Const(0).i32GtS().brIf(0);
  });
}
