import type { GemmTile } from './micro-kernel.js';
import type { Local, WasmCode } from './wasm-code.js';

/** Cache blocking, in elements: `kc` steps of k per packed block, `mc` rows of A, `nc` columns of B. */
export interface GemmBlocks {
  kc: number;
  mc: number;
  nc: number;
}

/**
 * Writes `gemmRows(packA, packB, c, out, mp, np, k, row0, row1)`: rows `[row0, row1)` of
 * `C[mp, np] = packedA @ packedB` (row bounds multiples of `mr`; `k` at least 1), block by
 * block in BLIS's order (`nc` columns, then `kc` steps, then `mc` rows), C in float64 at `c`;
 * then those rows rounded to float32 into `out` (row stride `np`). Calls on disjoint row ranges
 * write disjoint memory, so threads can share a product. `gebp` and `demote` are the indices of
 * those functions in the module.
 */
export function blockLoops(
  f: WasmCode,
  gebp: number,
  demote: number,
  { mr, nr, accumulator }: GemmTile,
  { kc, mc, nc }: GemmBlocks,
): void {
  const es = accumulator === 'float64' ? 8 : 4; // bytes per packed value
  const [packA, packB, c, out, mp, np, k, row0, row1] = f.args(9);
  const [jc, pc, ic, ncb, kcb, mcb] = [0, 1, 2, 3, 4, 5].map(() => f.local('i32')) as [
    Local,
    Local,
    Local,
    Local,
    Local,
    Local,
  ];
  // blocks of C hold whole tiles
  const [MC, NC] = [Math.ceil(mc / mr) * mr, Math.ceil(nc / nr) * nr];
  // size = min(limit, end - at)
  const blockSize = (size: Local, limit: number, end: Local, at: Local): void => {
    f.i32Const(limit).localGet(end).localGet(at).i32Sub();
    f.i32Const(limit).localGet(end).localGet(at).i32Sub().i32LtS().select().localSet(size);
  };
  // base + (x * y + z * w) * scale
  const address = (base: Local, x: Local, y: Local, z: Local, w: Local | 1, scale: number) => {
    f.localGet(base).localGet(x).localGet(y).i32Mul().localGet(z);
    if (w !== 1) f.localGet(w).i32Mul();
    f.i32Add().i32Const(scale).i32Mul().i32Add();
  };
  // `body`, then `at += step` while `at < end`
  const blockLoop = (at: Local, step: number, end: Local, body: () => void): void => {
    f.loop(() => {
      body();
      f.i32Increment(at, step).localGet(at).localGet(end).i32LtS().brIf(0);
    });
  };

  f.i32Const(0).localSet(jc);
  blockLoop(jc, NC, np, () => {
    blockSize(ncb, NC, np, jc);
    f.i32Const(0).localSet(pc);
    blockLoop(pc, kc, k, () => {
      blockSize(kcb, kc, k, pc);
      f.localGet(row0).localSet(ic);
      blockLoop(ic, MC, row1, () => {
        blockSize(mcb, MC, row1, ic);
        address(packA, pc, mp, ic, kcb, es);
        address(packB, pc, np, jc, kcb, es);
        address(c, ic, np, jc, 1, 8);
        f.localGet(mcb).localGet(ncb).localGet(kcb).localGet(np).i32Const(8).i32Mul();
        f.localGet(pc).call(gebp); // accumulate after the first block of k
      });
    });
  });
  // demote(c + row0 * np * 8, (row1 - row0) * np, out + row0 * np * 4)
  f.localGet(c).localGet(row0).localGet(np).i32Mul().i32Const(8).i32Mul().i32Add();
  f.localGet(row1).localGet(row0).i32Sub().localGet(np).i32Mul();
  f.localGet(out).localGet(row0).localGet(np).i32Mul().i32Const(4).i32Mul().i32Add();
  f.call(demote);
}
