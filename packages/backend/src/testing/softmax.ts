import { describe, expect, it } from 'vitest';
import type { BufferLike } from '../backend.js';
import type { View } from '../view.js';
import {
  type AnyBackend,
  count,
  expectBuffer,
  f32,
  type GetBackend,
  layouts,
  put,
  RTOL,
  readAll,
  view,
} from './harness.js';

const NAN = Number.NaN;
const INF = Number.POSITIVE_INFINITY;

/** The composed reference along `axis`: `x - max`, `exp`, sum, then divide (or subtract log). */
function referenceSoftmax(
  x: readonly number[],
  shape: readonly number[],
  axis: number,
  log: boolean,
): number[] {
  const outer = count(shape.slice(0, axis));
  const n = shape[axis] as number;
  const inner = count(shape.slice(axis + 1));
  const out = new Array<number>(x.length);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const at = (k: number) => (o * n + k) * inner + j;
      let m = -INF;
      for (let k = 0; k < n; k++) {
        const v = x[at(k)] as number;
        m = Number.isNaN(v) || Number.isNaN(m) ? NAN : Math.max(m, v);
      }
      let s = 0;
      for (let k = 0; k < n; k++) s += Math.exp((x[at(k)] as number) - m);
      for (let k = 0; k < n; k++) {
        const y = (x[at(k)] as number) - m;
        out[at(k)] = f32(log ? y - Math.log(s) : Math.exp(y) / s);
      }
    }
  }
  return out;
}

type Fused = 'softmax' | 'logSoftmax';

/** The fused op, or undefined when the backend leaves it to the tensor layer. */
function fused(
  be: AnyBackend,
  op: Fused,
): ((x: View<BufferLike>, axis: number) => BufferLike) | undefined {
  const f = be[op];
  return f ? f.bind(be) : undefined;
}

/** [2, 3, 4] inputs spanning a few units (multiples of 1/4). */
const X = Array.from({ length: 24 }, (_, i) => (((i * 5) % 17) - 8) / 4);

/** The optional fused softmax / logSoftmax, when the backend has them. */
export function softmaxTests(get: GetBackend): void {
  for (const op of ['softmax', 'logSoftmax'] as const) {
    const log = op === 'logSoftmax';
    describe(`${op} (optional)`, () => {
      for (const axis of [0, 1, 2]) {
        it(`along axis ${axis} of [2, 3, 4], every layout`, async (ctx) => {
          const be = get();
          const f = fused(be, op);
          if (!f) return ctx.skip();
          const want = referenceSoftmax(X, [2, 3, 4], axis, log);
          for (const { view: v } of layouts(be, X, [2, 3, 4], 'float32')) {
            await expectBuffer(be, f(v, axis), 'float32', want, { rtol: RTOL });
          }
        });
      }

      it('large, -inf (masked), NaN and all -inf slices', async (ctx) => {
        const be = get();
        const f = fused(be, op);
        if (!f) return ctx.skip();
        // rows: large values (no overflow), one masked entry, one NaN, all masked
        const x = [1000, 1001, 999, 5, -INF, 6, 1, NAN, 2, -INF, -INF, -INF];
        const want = referenceSoftmax(x, [4, 3], 1, log);
        expect(want.slice(0, 3).every(Number.isFinite)).toBe(true);
        expect(want.slice(6).every(Number.isNaN)).toBe(true);
        await expectBuffer(be, f(put(be, x, [4, 3], 'float32'), 1), 'float32', want, {
          rtol: RTOL,
        });
      });

      it('a broadcast (stride-0) axis, a size-1 axis, an empty view', async (ctx) => {
        const be = get();
        const f = fused(be, op);
        if (!f) return ctx.skip();
        const b = view(be.fromValues([1, 2, 3], 'float32'), [4, 3], [0, 1]);
        const uniform = log ? -Math.log(4) : 0.25;
        await expectBuffer(be, f(b, 0), 'float32', new Array(12).fill(f32(uniform)), {
          rtol: RTOL,
        });
        await expectBuffer(be, f(put(be, [3, -7], [2, 1], 'float32'), 1), 'float32', [
          log ? 0 : 1,
          log ? 0 : 1,
        ]);
        await expectBuffer(be, f(view(be.zeros(0, 'float32'), [0, 3]), 1), 'float32', []);
      });
    });
  }

  it('softmax equals its composite of primitives (max, sub, exp, sum, div)', async (ctx) => {
    const be = get();
    const f = fused(be, 'softmax');
    if (!f) return ctx.skip();
    const x = put(be, X, [6, 4], 'float32');
    const m = view(be.reduce('max', x, [1]), [6, 4], [1, 0]);
    const e = view(be.unary('exp', view(be.binary('sub', x, m), [6, 4])), [6, 4]);
    const s = view(be.reduce('sum', e, [1]), [6, 4], [1, 0]);
    const composite = await readAll(be, be.binary('div', e, s));
    await expectBuffer(be, f(x, 1), 'float32', composite, { rtol: RTOL });
  });
}
