import type { View } from '@nabla/backend';
import { GPU, type KernelOutput } from 'gpu.js';
import { afterAll, describe, expect, it } from 'vitest';
import { Device, type DeviceArray } from '../device.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import { KernelContext } from '../kernel-context.js';
import { MemoryTracker } from '../memory.js';
import { conv2d } from './conv2d.js';
import { tiledCorrelationPlan } from './conv2d-tiled.js';
import {
  type ConvCase,
  convMismatch,
  convReference,
  type StoredOperand,
  tiledConvCases,
} from './conv2d-tiled-cases.test.util.js';
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

/** The case's operands on the device. */
function operands(ctx: KernelContext, c: ConvCase) {
  return {
    x: put(ctx, c.x),
    w: put(ctx, c.w),
    b: c.bias === null ? null : put(ctx, c.bias),
  };
}

for (const mode of ['webasm', 'cpu'] as const) {
  describe(`tiled conv2d (four output columns per thread), gpu.js ${mode}`, () => {
    const ctx = context(mode);
    afterAll(() => ctx.device.destroy());

    for (const c of tiledConvCases()) {
      it(c.name, () => {
        const { x, w, b } = operands(ctx, c);
        const tiled = read(ctx, conv2d(ctx, x, w, b, c.p, 'tiled'));
        expect(convMismatch(tiled, convReference(c))).toBeNull();
        // the same products in the same order as the one-output kernel: the same floats
        const simple = read(ctx, conv2d(ctx, x, w, b, c.p, 'simple'));
        expect(tiled).toEqual(simple);
      });
    }

    it('the path taken (webasm: tiled, cpu: one output a thread); tiled and simple agree', async () => {
      // [2, 16, 10, 10] * [16, 16, 3, 3]: 294,912 multiply-adds (over 64^3); a fresh device
      const c = tiledConvCases()[9] as ConvCase;
      expect(c.x.shape).toEqual([2, 16, 10, 10]);
      const fresh = context(mode);
      try {
        const { x, w, b } = operands(fresh, c);
        const autoTiled = mode === 'webasm';
        const auto = read(fresh, conv2d(fresh, x, w, b, c.p));
        expect(fresh.device.stats.compiled).toBe(1);
        // auto's kernel is found in the cache by the path it took, the other one is compiled
        const simple = read(fresh, conv2d(fresh, x, w, b, c.p, 'simple'));
        expect(fresh.device.stats.compiled).toBe(autoTiled ? 2 : 1);
        expect(auto).toEqual(simple);
        const tiled = read(fresh, conv2d(fresh, x, w, b, c.p, 'tiled'));
        expect(fresh.device.stats.compiled).toBe(2);
        expect(tiled).toEqual(simple);
        expect(fresh.device.stats.fallbacks).toEqual([]);
      } finally {
        await fresh.device.destroy();
      }
    });

    it('a second call reuses the compiled kernel and returns a new, counted buffer', () => {
      const c = tiledConvCases()[1] as ConvCase; // padding: a padded copy each call
      const { x, w, b } = operands(ctx, c);
      const before = ctx.memory.info();
      const first = conv2d(ctx, x, w, b, c.p, 'tiled');
      const compiled = ctx.device.stats.compiled;
      const second = conv2d(ctx, x, w, b, c.p, 'tiled');
      expect(ctx.device.stats.compiled).toBe(compiled);
      expect(second.storage.data).not.toBe(first.storage.data);
      expect(read(ctx, second)).toEqual(read(ctx, first));
      const outBytes = 4 * c.x.shape[0]! * c.w.shape[0]! * c.p.outSize[0] * c.p.outSize[1];
      expect(ctx.memory.info()).toEqual({
        buffers: before.buffers + 2,
        bytes: before.bytes + 2 * outBytes,
      });
    });

    it('loads fewer values per product than the one-output kernel (2 per product)', () => {
      const plan = (kw: number, stride: number) =>
        tiledCorrelationPlan(true, { strides: [1000, 100, 10, 1], offset: 0 }, null, {
          out: [1, 1, 4, 8],
          groups: 1,
          window: [1, 3, kw],
          stride: [stride, stride],
          dilation: [1, 1],
          origin: [0, 0],
          weightStrides: [3 * kw, 0, 3 * kw, kw, 1],
          weightOffset: 0,
        }).loadsPerRow;
      // per window row: kw weights and the distinct input columns of four outputs
      expect(plan(3, 1)).toBe(3 + 6); // 9 loads for 12 products
      expect(plan(3, 2)).toBe(3 + 9); // 12 for 12
      expect(plan(1, 1)).toBe(1 + 4); // 5 for 4
      expect(plan(5, 1)).toBe(5 + 8); // 13 for 20
    });
  });
}

describe('the tiled conv kernel with a 1-D launch (as in the GL modes), run in gpu.js webasm', () => {
  const gpu = new GPU({ mode: 'webasm' });
  afterAll(() => gpu.destroy());
  // cases whose windows lie inside x once widened (no padded copy needed), read as stored
  const cases = tiledConvCases().filter(
    (c) => c.name.startsWith('an outSize below') || c.name.startsWith('contiguous, no padding'),
  );
  it('has cases', () => expect(cases).toHaveLength(2));
  for (const c of cases) {
    it(c.name, () => {
      const [o, cg, kh, kw] = c.w.shape as [number, number, number, number];
      const [ho, wo] = c.p.outSize;
      const plan = tiledCorrelationPlan(
        false,
        { strides: c.x.strides as [number, number, number, number], offset: c.x.offset },
        c.bias,
        {
          out: [c.x.shape[0] as number, o, ho, wo],
          groups: c.p.groups,
          window: [cg, kh, kw],
          stride: c.p.stride,
          dilation: c.p.dilation,
          origin: [0, 0],
          weightStrides: [c.w.strides[0]!, 0, c.w.strides[1]!, c.w.strides[2]!, c.w.strides[3]!],
          weightOffset: c.w.offset,
        },
      );
      expect(plan.output).toEqual([plan.rows * plan.groups]);
      const settings = {
        output: plan.output,
        constants: plan.source.constants,
        returnType: 'Array(4)',
        precision: 'single',
      } as const;
      const kernel = gpu.createKernel(plan.source.toString(plan.result), settings);
      const args = [c.x, c.w, ...(c.bias === null ? [] : [c.bias])].map((o) =>
        Float32Array.from(o.values),
      );
      const vectors = kernel(...args) as KernelOutput as unknown as Float32Array[];
      const got: number[] = [];
      for (let r = 0; r < plan.rows; r++) {
        for (let j = 0; j < plan.width; j++) {
          const v = vectors[r * plan.groups + Math.floor(j / TILE)] as Float32Array;
          got.push(v[j % TILE] as number);
        }
      }
      expect(convMismatch(got, convReference(c))).toBeNull();
    });
  }
});
