/**
 * The WebAssembly matmul against the reference kernel, on random shapes with odd sizes, every
 * operand layout, batches (broadcast ones too), and blocks small enough that every edge of the
 * blocking is crossed.
 *
 * The float64 accumulator must give the reference's results bit for bit. The float32 one is
 * held to the error bound of float32 dot products (Higham, Accuracy and Stability, 3.1): each run
 * of at most `run` products is summed in float32, the runs in float64, then rounded once, so
 *
 *     |fast - ref| <= (run + 3) * 2^-24 * sum_k |a_ik * b_kj|
 *
 * (`run * 2^-24` for the run, `2^-24` each for the two final roundings, one spare).
 */
import type { View } from '@nabla/backend';
import { describe, expect, it } from 'vitest';
import type { CpuBuffer } from '../cpu-buffer.js';
import { matmulReference } from '../kernels/matmul-reference.js';
import { dense } from '../strided.js';
import { TUNED, WasmGemm } from './gemm.js';
import { type GemmBlocks, gemmModuleBytes } from './gemm-module.js';
import { LAYOUTS, laidOut, randomValues, seededRandom } from './layouts.test.util.js';
import type { GemmTile, MatmulAccumulator } from './micro-kernel.js';
import { webAssemblyApi } from './webassembly.js';

const ODD = [1, 3, 7, 17, 33, 65, 127, 129, 257];
const U = 2 ** -24;
const SMALL_BLOCKS: GemmBlocks = { kc: 16, mc: 8, nc: 16 };
const fusedSupported =
  webAssemblyApi()?.validate(
    gemmModuleBytes({ ...TUNED.float32.tile, relaxedMadd: true }, TUNED.float32.blocks),
  ) ?? false;

/** Kernels to test: the tuned ones, small blocks (and a short run), fused ones where supported. */
function kernels(accumulator: MatmulAccumulator): [string, WasmGemm][] {
  const { tile, blocks } = TUNED[accumulator];
  const out: [string, WasmGemm][] = [
    ['tuned', new WasmGemm(tile, blocks)],
    ['small blocks', new WasmGemm({ ...tile, run: 5 }, SMALL_BLOCKS)],
  ];
  if (fusedSupported) out.push(['fused', new WasmGemm({ ...tile, relaxedMadd: true }, blocks)]);
  return out;
}

/** Compares a fast product with the reference, exactly or within the float32 bound. */
function expectClose(gemm: WasmGemm, a: View<CpuBuffer>, b: View<CpuBuffer>, what = ''): void {
  const got = gemm.multiply(a, b);
  const want = matmulReference(a, b).data as Float32Array;
  expect(got, what).not.toBeNull();
  if (gemm.tile.accumulator === 'float64') {
    expect(got, what).toEqual(want);
    return;
  }
  const r = a.shape.length;
  const [m, k] = a.shape.slice(r - 2) as [number, number];
  const n = b.shape[r - 1] as number;
  const ad = dense(a);
  const bd = dense(b);
  const bound = (gemm.tile.run + 3) * U;
  let bad = 0;
  let worst = '';
  (got as Float32Array).forEach((v, idx) => {
    const t = Math.floor(idx / (m * n));
    const i = Math.floor(idx / n) % m;
    const j = idx % n;
    let scale = 0;
    for (let p = 0; p < k; p++) {
      scale += Math.abs((ad[(t * m + i) * k + p] as number) * (bd[(t * k + p) * n + j] as number));
    }
    const w = want[idx] as number;
    if (!(Math.abs(v - w) <= bound * scale)) {
      bad++;
      worst ||= `[${idx}] ${v} vs ${w} (scale ${scale})`;
    }
  });
  expect(bad, `${what} ${worst}`).toBe(0);
}

describe.each(['float64', 'float32'] as const)('WasmGemm, %s accumulator', (accumulator) => {
  describe.each(kernels(accumulator))('%s', (_, gemm) => {
    it('every odd size as M, K and N on its own, contiguous', () => {
      const random = seededRandom(1);
      for (const s of ODD) {
        for (const [m, k, n] of [
          [s, 9, 10],
          [6, s, 10],
          [6, 9, s],
        ] as [number, number, number][]) {
          const a = laidOut(randomValues(random, m * k), [], m, k, 'contiguous');
          const b = laidOut(randomValues(random, k * n), [], k, n, 'contiguous');
          expectClose(gemm, a, b);
        }
      }
    });

    it('random odd shapes, every pair of layouts', () => {
      const random = seededRandom(2);
      const pick = () => ODD[Math.floor(random() * 7)] as number; // up to 127
      for (const la of LAYOUTS) {
        for (const lb of LAYOUTS) {
          const [m, k, n] = [pick(), pick(), pick()];
          const a = laidOut(randomValues(random, m * k), [], m, k, la);
          const b = laidOut(randomValues(random, k * n), [], k, n, lb);
          expectClose(gemm, a, b, `${la} [${m}, ${k}] @ ${lb} [${k}, ${n}]`);
        }
      }
    });

    it('257 x 129 @ 129 x 257, transposed a and sliced b', () => {
      const random = seededRandom(3);
      const a = laidOut(randomValues(random, 257 * 129), [], 257, 129, 'transposed');
      const b = laidOut(randomValues(random, 129 * 257), [], 129, 257, 'sliced');
      expectClose(gemm, a, b);
    });

    it('batches of [2, 3], and a batch broadcast by stride 0 on either side', () => {
      const random = seededRandom(4);
      const [m, k, n] = [17, 33, 7];
      const a = laidOut(randomValues(random, 6 * m * k), [2, 3], m, k, 'flipped');
      const b = laidOut(randomValues(random, 6 * k * n), [2, 3], k, n, 'gathered');
      expectClose(gemm, a, b);
      const shared = laidOut(randomValues(random, m * k), [2, 3], m, k, 'transposed', true);
      expectClose(gemm, shared, b);
      const sharedB = laidOut(randomValues(random, k * n), [2, 3], k, n, 'sliced', true);
      expectClose(gemm, a, sharedB);
    });

    it('products of one row, one column, one step', () => {
      const random = seededRandom(5);
      for (const [m, k, n] of [
        [1, 1, 1],
        [1, 300, 1],
        [1, 40, 65],
        [65, 40, 1],
        [33, 1, 17],
      ] as [number, number, number][]) {
        const a = laidOut(randomValues(random, m * k), [], m, k, 'contiguous');
        const b = laidOut(randomValues(random, k * n), [], k, n, 'transposed');
        expectClose(gemm, a, b);
      }
    });

    it('NaN and inf propagate (inf * 0 is NaN; padding does not leak)', () => {
      const [m, k, n] = [5, 20, 9];
      const av = new Array<number>(m * k).fill(1);
      const bv = new Array<number>(k * n).fill(0.5);
      av[0] = Number.POSITIVE_INFINITY; // row 0 meets b's row 0
      bv[3] = 0; // inf * 0 at (0, 3)
      bv[n * 7 + 5] = Number.NaN; // column 5 is NaN for every row
      const got = gemm.multiply(
        laidOut(av, [], m, k, 'contiguous'),
        laidOut(bv, [], k, n, 'contiguous'),
      ) as Float32Array;
      expect(got[3]).toBeNaN();
      expect(got[0]).toBe(Number.POSITIVE_INFINITY);
      for (let i = 0; i < m; i++) expect(got[i * n + 5]).toBeNaN();
      expect(got[n + 1]).toBe(10); // row 1: 20 * 0.5
    });
  });
});

describe('the generated module', () => {
  it('is small enough to compile synchronously on a browser main thread (4 KB)', () => {
    for (const accumulator of ['float32', 'float64'] as const) {
      const tile: GemmTile = { ...TUNED[accumulator].tile, relaxedMadd: true };
      expect(gemmModuleBytes(tile, TUNED[accumulator].blocks).length).toBeLessThan(4096);
    }
  });

  it('rejects a tile the kernel cannot hold', () => {
    const { tile, blocks } = TUNED.float32;
    expect(() => gemmModuleBytes({ ...tile, nr: 6 }, blocks)).toThrow(/bad tile/);
  });

  it('WasmGemm.create picks the fused multiply-add only where the runtime validates it', () => {
    expect(WasmGemm.create('float32')?.tile.relaxedMadd).toBe(fusedSupported);
  });
});

describe.each(['float64', 'float32'] as const)('WasmGemm on 3 threads, %s', (accumulator) => {
  const { tile, blocks } = TUNED[accumulator];
  const one = new WasmGemm(tile, blocks);
  const three = new WasmGemm(tile, { ...blocks, mc: 8 }, 3);

  it('gives the single thread results bit for bit, whatever the split of rows', () => {
    const random = seededRandom(6);
    for (const [batch, m, k, n] of [
      [[], 129, 65, 257],
      [[3], 65, 129, 33], // three products, A broadcast
      [[], 5, 300, 200], // two tiles of rows: one thread stays idle
      [[2], 1, 257, 1024],
      [[], 64, 300, 333], // B packed by all three threads, a partial panel at the end
    ] as [number[], number, number, number][]) {
      const count = batch.reduce((p, s) => p * s, 1);
      const a = laidOut(randomValues(random, m * k), batch, m, k, 'transposed', true);
      const b = laidOut(randomValues(random, count * k * n), batch, k, n, 'sliced');
      expect(three.multiply(a, b)).toEqual(one.multiply(a, b));
    }
  });
});
