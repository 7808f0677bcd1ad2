import type { Local, WasmCode } from './wasm-code.js';

/** How matrix products add up: see {@link GemmTile.accumulator}. */
export type MatmulAccumulator = 'float32' | 'float64';

/** The register tile of the micro-kernel and how it accumulates. */
export interface GemmTile {
  /**
   * `'float64'`: products of the float32 inputs (exact in float64) summed in float64 in k
   * order, as the reference kernel does, so the results are the reference's bit for bit.
   * `'float32'`: products and sums in float32 for runs of `run` steps, the runs summed in
   * float64; about twice as fast, about as accurate as PyTorch's float32 matmul.
   */
  accumulator: MatmulAccumulator;
  /** Rows of C per tile. */
  mr: number;
  /** Columns of C per tile: a multiple of 4 (float32) or of 2 (float64). */
  nr: number;
  /** For `'float32'`: k steps summed in float32 registers before they go to the float64 tile of C. */
  run: number;
  /**
   * Use relaxed SIMD's `relaxed_madd` (fused where the machine has FMA) instead of `mul` + `add`:
   * Node 22+ and current browsers; Node 20 only with --experimental-wasm-relaxed-simd.
   */
  relaxedMadd: boolean;
}

/**
 * Writes `kernel(a, b, c, kc, ldc, accumulate)` for the tile's accumulator: see
 * {@link float32Kernel} and {@link float64Kernel}.
 */
export function microKernel(f: WasmCode, tile: GemmTile): void {
  if (tile.accumulator === 'float64') float64Kernel(f, tile);
  else float32Kernel(f, tile);
}

/**
 * `C[mr, nr] (+)= A[mr, kc] @ B[kc, nr]` in float64 from packed panels of float64 (the float32
 * inputs, widened exactly when packed): each k step loads `nr / 2` vectors of B, broadcasts `mr`
 * values of A and does `mr * nr / 2` f64x2 multiply-adds. An accumulating tile starts from C's
 * values, so every element is the sum `((0 + a0 b0) + a1 b1) + ...` of the reference kernel.
 */
function float64Kernel(f: WasmCode, { mr, nr, relaxedMadd }: GemmTile): void {
  const [a, b, c, kc, ldc, accumulate] = f.args(6);
  const nv = nr / 2;
  const acc = Array.from({ length: mr * nv }, () => f.local('v128'));
  const bv = Array.from({ length: nv }, () => f.local('v128'));
  const av = f.local('v128');
  const row = f.local('i32');
  const eachTileVector = (fn: (s: Local, j: number) => void): void => {
    f.localGet(c).localSet(row);
    for (let i = 0; i < mr; i++) {
      for (let j = 0; j < nv; j++) fn(acc[i * nv + j] as Local, j);
      f.i32Increment(row, ldc);
    }
  };
  f.localGet(accumulate).if(() =>
    eachTileVector((s, j) => {
      f.localGet(row)
        .v128Load(16 * j)
        .localSet(s);
    }),
  );
  f.loop(() => {
    bv.forEach((v, j) => {
      f.localGet(b)
        .v128Load(16 * j)
        .localSet(v);
    });
    for (let i = 0; i < mr; i++) {
      f.localGet(a)
        .v128Load64Splat(8 * i)
        .localSet(av);
      bv.forEach((v, j) => {
        const s = acc[i * nv + j] as Local;
        // a product of two float32 is exact in float64, so fusing changes nothing
        if (relaxedMadd) f.localGet(av).localGet(v).localGet(s).f64x2RelaxedMadd();
        else f.localGet(s).localGet(av).localGet(v).f64x2Mul().f64x2Add();
        f.localSet(s);
      });
    }
    f.i32Increment(a, mr * 8).i32Increment(b, nr * 8);
    f.i32Increment(kc, -1).localGet(kc).brIf(0);
  });
  eachTileVector((s, j) => {
    f.localGet(row)
      .localGet(s)
      .v128Store(16 * j);
  });
}

/**
 * Writes `kernel(a, b, c, kc, ldc, accumulate)`: `C[mr, nr] (+)= A[mr, kc] @ B[kc, nr]` from one
 * packed panel of A (`kc` steps of `mr` floats) and one of B (`kc` steps of `nr` floats) into a
 * tile of C held as float64, row stride `ldc` bytes; `accumulate` 0 starts the tile from zero.
 * `kc` must be at least 1.
 *
 * Each k step loads `nr / 4` vectors of B, broadcasts `mr` scalars of A and does `mr * nr / 4`
 * float32 multiply-adds into accumulators that stay in registers. After every `run` steps the
 * accumulators are widened and added to the float64 tile (in L1), so float32 rounding only
 * builds up over `run` terms: the error is about that of float64 accumulation of products
 * rounded to float32, not the `k * 2^-24` of a long float32 sum (see README, Numerics).
 *
 * x64 has 16 vector registers and V8 keeps one for itself: the 4 x 8 tile takes 8 accumulators,
 * 2 of B, 1 of A and 1 product. The step loop is not unrolled: TurboFan then schedules every
 * load of the unrolled steps first and spills accumulators (measured: 4x unrolling loses a third).
 */
function float32Kernel(f: WasmCode, { mr, nr, run, relaxedMadd }: GemmTile): void {
  const [a, b, c, kc, ldc, accumulate] = f.args(6);
  const nv = nr / 4;
  const acc = Array.from({ length: mr * nv }, () => f.local('v128'));
  const bv = Array.from({ length: nv }, () => f.local('v128'));
  const av = f.local('v128');
  const row = f.local('i32');
  const steps = f.local('i32');
  const eachRow = (fn: (i: number) => void): void => {
    f.localGet(c).localSet(row);
    for (let i = 0; i < mr; i++) {
      fn(i);
      f.i32Increment(row, ldc);
    }
  };
  const accOf = (i: number, j: number): Local => acc[i * nv + j] as Local;

  // a fresh tile of C starts at zero
  f.localGet(accumulate)
    .i32Eqz()
    .if(() =>
      eachRow(() => {
        for (let q = 0; q < nr / 2; q++)
          f.localGet(row)
            .v128Const()
            .v128Store(16 * q);
      }),
    );
  f.loop(() => {
    // steps = min(kc, run); kc -= steps
    f.i32Const(run).localGet(kc).localGet(kc).i32Const(run).i32GtS().select().localSet(steps);
    f.localGet(kc).localGet(steps).i32Sub().localSet(kc);
    for (const s of acc) f.v128Const().localSet(s);
    f.loop(() => {
      bv.forEach((v, j) => {
        f.localGet(b)
          .v128Load(16 * j)
          .localSet(v);
      });
      for (let i = 0; i < mr; i++) {
        f.localGet(a)
          .v128Load32Splat(4 * i)
          .localSet(av);
        bv.forEach((v, j) => {
          const s = accOf(i, j);
          if (relaxedMadd) f.localGet(av).localGet(v).localGet(s).f32x4RelaxedMadd();
          else f.localGet(s).localGet(av).localGet(v).f32x4Mul().f32x4Add();
          f.localSet(s);
        });
      }
      f.i32Increment(a, mr * 4).i32Increment(b, nr * 4);
      f.i32Increment(steps, -1).localGet(steps).brIf(0);
    });
    // C[i, 4j .. 4j + 3] += the run's sums, as two f64x2 each
    eachRow((i) => {
      for (let j = 0; j < nv; j++) {
        const s = accOf(i, j);
        f.localGet(row)
          .localGet(row)
          .v128Load(32 * j);
        f.localGet(s)
          .f64x2PromoteLowF32x4()
          .f64x2Add()
          .v128Store(32 * j);
        f.localGet(row)
          .localGet(row)
          .v128Load(32 * j + 16);
        f.localGet(s)
          .f64x2PromoteHighF32x4()
          .f64x2Add()
          .v128Store(32 * j + 16);
      }
    });
    f.localGet(kc).brIf(0);
  });
}
