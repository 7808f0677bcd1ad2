import type { WasmCode } from './wasm-code.js';

/**
 * Packs a strided float32 matrix into panels of `width` rows (A) or columns (B), each panel
 * stored step by step (`width` values per step of the shared dimension k), the last panel
 * zero-padded; `wide` stores the values as float64 (exact). For A the panel runs across rows
 * (`rs`) and steps along columns (`cs`); for B the reverse. Parameters
 * `(src, rs, cs, rows, cols, dst)` as in {@link gemmModuleBytes}.
 */
export function packPanels(f: WasmCode, width: number, isB: boolean, wide: boolean): void {
  const [src, rs, cs, rows, cols, dst] = f.args(6);
  // across: the stride between the panel's `width` lines; along: the stride between k steps
  const [across, along, lines, k] = isB ? [cs, rs, cols, rows] : [rs, cs, rows, cols];
  const line = Array.from({ length: width }, () => f.local('i32'));
  const left = f.local('i32');
  const p = f.local('i32');
  const ptr = f.local('i32');
  const out = f.local('i32');
  const j = f.local('i32');
  const vec = f.local('v128');
  const es = wide ? 8 : 4; // bytes per packed value
  const copyStep = es * width;
  // the float32 at `ptr` (on the stack) stored as value `w` of the step at `out` (on the stack)
  const storeValue = (w: number): void => {
    f.f32Load();
    if (wide) f.f64PromoteF32().f64Store(8 * w);
    else f.f32Store(4 * w);
  };
  f.localGet(lines).localSet(left);
  f.block(() =>
    f.loop(() => {
      f.localGet(left).i32Const(0).i32GtS().i32Eqz().brIf(1);
      f.localGet(left).i32Const(width).i32GeS();
      f.if(
        () => {
          // a full panel
          if (isB && width % 4 === 0) {
            f.localGet(across).i32Const(4).i32Ne();
            f.if(
              () => fullPanelScalar(),
              () => fullPanelContiguous(),
            );
          } else {
            fullPanelScalar();
          }
        },
        () => partialPanel(),
      );
      f.localGet(src).localGet(across).i32Const(width).i32Mul().i32Add().localSet(src);
      f.localGet(dst).localGet(k).i32Const(copyStep).i32Mul().i32Add().localSet(dst);
      f.i32Increment(left, -width).br(0);
    }),
  );

  // width lines, each its own pointer, one value of each per k step
  function fullPanelScalar(): void {
    line.forEach((l, w) => {
      f.localGet(src).localGet(across).i32Const(w).i32Mul().i32Add().localSet(l);
    });
    f.localGet(dst).localSet(out).localGet(k).localSet(p);
    forEachStep(() => {
      line.forEach((l, w) => {
        f.localGet(out).localGet(l);
        storeValue(w);
        f.i32Increment(l, along);
      });
    });
  }

  // B with contiguous rows: each k step copies `width` adjacent values as vectors
  function fullPanelContiguous(): void {
    f.localGet(src).localSet(ptr).localGet(dst).localSet(out).localGet(k).localSet(p);
    forEachStep(() => {
      for (let v = 0; v < width / 4; v++) {
        if (!wide) {
          f.localGet(out)
            .localGet(ptr)
            .v128Load(16 * v)
            .v128Store(16 * v);
          continue;
        }
        f.localGet(ptr)
          .v128Load(16 * v)
          .localSet(vec);
        f.localGet(out)
          .localGet(vec)
          .f64x2PromoteLowF32x4()
          .v128Store(32 * v);
        f.localGet(out)
          .localGet(vec)
          .f64x2PromoteHighF32x4()
          .v128Store(32 * v + 16);
      }
      f.i32Increment(ptr, along);
    });
  }

  // the last, partial panel: zeros, then the `left` lines that exist
  function partialPanel(): void {
    f.localGet(dst).localSet(out).localGet(k).localSet(p);
    forEachStep(() => {
      for (let w = 0; w < copyStep / 4; w++)
        f.localGet(out)
          .f32Const(0)
          .f32Store(4 * w);
    });
    f.i32Const(0).localSet(j);
    f.loop(() => {
      f.localGet(src).localGet(across).localGet(j).i32Mul().i32Add().localSet(ptr);
      f.localGet(dst)
        .localGet(j)
        .i32Const(es)
        .i32Mul()
        .i32Add()
        .localSet(out)
        .localGet(k)
        .localSet(p);
      forEachStep(() => {
        f.localGet(out).localGet(ptr);
        storeValue(0);
        f.i32Increment(ptr, along);
      });
      f.i32Increment(j, 1).localGet(j).localGet(left).i32LtS().brIf(0);
    });
  }

  // `body` once per k step (p counts down from k), advancing `out` by one step of the panel
  function forEachStep(body: () => void): void {
    f.localGet(p).if(() =>
      f.loop(() => {
        body();
        f.i32Increment(out, copyStep).i32Increment(p, -1).localGet(p).brIf(0);
      }),
    );
  }
}
