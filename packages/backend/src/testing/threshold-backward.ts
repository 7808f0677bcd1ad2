import { describe, it } from 'vitest';
import { expectBuffer, type GetBackend, layouts } from './harness.js';

const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;

/** ReLU outputs (0, -0, NaN, inf among them) and the gradients that arrive, shape [2, 4]. */
const X = [0, 1.5, -0, NAN, 2, 0, INF, 3];
const G = [1, 2, 3, 4, 5, 6, 7, 8];

/** The optional fused `thresholdBackward` (ReLU's gradient), when the backend has it. */
export function thresholdBackwardTests(get: GetBackend): void {
  describe('thresholdBackward (optional)', () => {
    it('is x <= threshold ? 0 : grad, NaN passing its gradient on, every layout', async (ctx) => {
      const be = get();
      const f = be.thresholdBackward?.bind(be);
      if (!f) return ctx.skip();
      const want = X.map((x, i) => (x <= 0 ? 0 : (G[i] as number)));
      for (const { view: g } of layouts(be, G, [2, 4], 'float32')) {
        for (const { view: x } of layouts(be, X, [2, 4], 'float32')) {
          await expectBuffer(be, f(g, x, 0), 'float32', want);
        }
      }
      // another threshold: 0 up to and including it
      const atTwo = X.map((x, i) => (x <= 2 ? 0 : (G[i] as number)));
      const [g] = layouts(be, G, [2, 4], 'float32');
      const [x] = layouts(be, X, [2, 4], 'float32');
      if (g && x) await expectBuffer(be, f(g.view, x.view, 2), 'float32', atTwo);
    });
  });
}
