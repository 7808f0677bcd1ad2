import type { View } from '@nabla/backend';
import { GPU, type KernelOutput } from 'gpu.js';
import { afterAll, describe, expect, it } from 'vitest';
import { Device, type DeviceArray } from '../device.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import { KernelContext } from '../kernel-context.js';
import { MemoryTracker } from '../memory.js';
import { matmul, TILED_MIN_WORK } from './matmul.js';
import { matmulTiled, type TiledSum, tiledMatmulPlan } from './matmul-tiled.js';
import {
  type MatmulCase,
  mismatch,
  reference,
  type StoredOperand,
  tiledCases,
} from './matmul-tiled-cases.test.util.js';
import { uniform } from './test-views.test.util.js';
import { TILE } from './vector-kernel.js';

function context(mode: 'webasm' | 'cpu'): KernelContext {
  const device = new Device(mode);
  return new KernelContext(device, new MemoryTracker((d) => device.release(d)));
}

const put = (ctx: KernelContext, o: StoredOperand): View<GpuBuffer> => ({
  buffer: ctx.upload(o.values, 'float32'),
  shape: o.shape,
  strides: o.strides,
  offset: o.offset,
});

const read = (ctx: KernelContext, buffer: GpuBuffer): Float32Array =>
  ctx.device.download(buffer.storage.data as DeviceArray);

for (const mode of ['webasm', 'cpu'] as const) {
  describe(`tiled matmul (four outputs per thread), gpu.js ${mode}`, () => {
    const ctx = context(mode);
    afterAll(() => ctx.device.destroy());

    for (const c of tiledCases()) {
      for (const sum of ['block', 'term'] as const) {
        it(`${c.name}, ${sum} sums`, () => {
          const out = matmulOf(ctx, c, sum);
          expect(mismatch(out, reference(c))).toBeNull();
        });
      }
    }

    it('the path taken: auto keeps the one-output kernel here, tiled and simple agree', () => {
      const a = { values: uniform(64 * 64, 21), shape: [64, 64], strides: [64, 1], offset: 0 };
      const c: MatmulCase = { name: '64^3', a, b: { ...a, values: uniform(64 * 64, 22) } };
      const av = put(ctx, c.a);
      const bv = put(ctx, c.b);
      expect(64 ** 3).toBe(TILED_MIN_WORK);
      const before = ctx.device.stats.compiled;
      const auto = read(ctx, matmul(ctx, av, bv));
      const simple = read(ctx, matmul(ctx, av, bv, 'simple'));
      // the same kernel: auto compiled it, simple found it in the cache
      expect(ctx.device.stats.compiled).toBe(before + 1);
      expect(auto).toEqual(simple);
      const tiled = read(ctx, matmul(ctx, av, bv, 'tiled'));
      expect(ctx.device.stats.compiled).toBe(before + 2);
      expect(mismatch(tiled, reference(c))).toBeNull();
    });

    it('a second call reuses the compiled kernel and returns a new array', () => {
      const [c] = tiledCases() as [MatmulCase];
      const av = put(ctx, c.a);
      const bv = put(ctx, c.b);
      const first = matmul(ctx, av, bv, 'tiled');
      const compiled = ctx.device.stats.compiled;
      const second = matmul(ctx, av, bv, 'tiled');
      expect(ctx.device.stats.compiled).toBe(compiled);
      expect(second.storage.data).not.toBe(first.storage.data);
      expect(read(ctx, second)).toEqual(read(ctx, first));
    });
  });
}

describe('the tiled kernel with a 1-D launch (as in the GL modes), run in gpu.js webasm', () => {
  const gpu = new GPU({ mode: 'webasm' });
  afterAll(() => gpu.destroy());
  for (const c of tiledCases()) {
    it(c.name, () => {
      const plan = tiledMatmulPlan(c.a, c.b, false);
      expect(plan.output).toEqual([plan.rows * plan.groups]);
      const settings = {
        output: plan.output,
        constants: plan.source.constants,
        returnType: 'Array(4)',
        precision: 'single',
      } as const;
      const kernel = gpu.createKernel(plan.source.toString(plan.result), settings);
      const out = kernel(
        Float32Array.from(c.a.values),
        Float32Array.from(c.b.values),
      ) as KernelOutput;
      // [rows * groups] vectors of 4: keep the first N columns of each row
      const vectors = out as unknown as Float32Array[];
      const got: number[] = [];
      for (let i = 0; i < plan.rows; i++) {
        for (let j = 0; j < plan.n; j++) {
          const v = vectors[i * plan.groups + Math.floor(j / TILE)] as Float32Array;
          got.push(v[j % TILE] as number);
        }
      }
      expect(mismatch(got, reference(c))).toBeNull();
    });
  }
});

/** The product of a case by the tiled kernel: through matmul's 'tiled' path ('block' sums), or directly. */
function matmulOf(ctx: KernelContext, c: MatmulCase, sum: TiledSum): Float32Array {
  const av = put(ctx, c.a);
  const bv = put(ctx, c.b);
  return read(ctx, sum === 'block' ? matmul(ctx, av, bv, 'tiled') : matmulTiled(ctx, av, bv, sum));
}
