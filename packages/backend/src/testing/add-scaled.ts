import { describe, it } from 'vitest';
import { expectBuffer, f32, type GetBackend, layouts, view } from './harness.js';

const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;

const A = [-0.337, 1, 2.5, NAN, INF, -4, 1e-8, 3e30].map(f32);
const B = [1.352, -2, 0.5, 1, 1, -INF, 1e-8, 3e30].map(f32);

/** `a + alpha * b` as one rounding of the exact value (alpha rounded to float32 first). */
function reference(a: readonly number[], b: readonly number[], alpha: number): number[] {
  const s = f32(alpha);
  return a.map((x, i) => f32(x + s * (b[i] as number)));
}

/** The optional fused `addScaled` (`torch.add` with `alpha`), when the backend has it. */
export function addScaledTests(get: GetBackend): void {
  describe('addScaled (optional)', () => {
    it('is a + alpha * b rounded once, alpha as float32, every layout', async (ctx) => {
      const be = get();
      const f = be.addScaled?.bind(be);
      if (!f) return ctx.skip();
      for (const alpha of [-0.1, 2, 0, -1]) {
        const want = reference(A, B, alpha);
        for (const { view: a } of layouts(be, A, [2, 4], 'float32')) {
          for (const { view: b } of layouts(be, B, [2, 4], 'float32')) {
            await expectBuffer(be, f(a, b, alpha), 'float32', want);
          }
        }
      }
    });

    it("rounds as PyTorch's fused kernel: -0.337 + -0.1 * 1.352 is -0.4722000062465668", async (ctx) => {
      const be = get();
      const f = be.addScaled?.bind(be);
      if (!f) return ctx.skip();
      // torch.tensor([-0.337]).add_(torch.tensor([1.352]), alpha=-0.1) in torch 1.13
      const a = view(be.fromValues([-0.337], 'float32'), [1]);
      const b = view(be.fromValues([1.352], 'float32'), [1]);
      await expectBuffer(be, f(a, b, -0.1), 'float32', [-0.4722000062465668]);
    });

    it('reads a broadcast (stride-0) side', async (ctx) => {
      const be = get();
      const f = be.addScaled?.bind(be);
      if (!f) return ctx.skip();
      const a = view(be.fromValues([1, 2, 3], 'float32'), [2, 3], [0, 1]);
      const b = view(be.fromValues([10, 20], 'float32'), [2, 3], [1, 0]);
      await expectBuffer(be, f(a, b, 0.5), 'float32', [6, 7, 8, 11, 12, 13]);
      await expectBuffer(be, f(b, a, 0.5), 'float32', [10.5, 11, 11.5, 20.5, 21, 21.5]);
    });
  });
}
