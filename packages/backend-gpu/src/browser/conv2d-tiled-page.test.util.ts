// The browser page of conv2d-tiled.test.ts: runs the tiled conv2d kernel (four adjacent output
// columns per thread, returned as a vec4, then unpacked by a second kernel) and the one-output
// kernel on gpu.js's WebGL2 mode over the cases of ../kernels/conv2d-tiled-cases.test.util.ts,
// and leaves what they computed in `globalThis.__nablaPageResult`; the test compares it with
// float64 references in Node.
import type { View } from '@nabla/backend';
import type { PageOutcome } from '../browser-testing/index.js';
import { Device, type DeviceArray } from '../device.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import { KernelContext } from '../kernel-context.js';
import { conv2d } from '../kernels/conv2d.js';
import { type StoredOperand, tiledConvCases } from '../kernels/conv2d-tiled-cases.test.util.js';
import { MemoryTracker } from '../memory.js';

/** What the page reports. */
export interface ConvTiledPageReport {
  /** Per case (in tiledConvCases() order): the tiled and the one-output kernels' results. */
  readonly cases: { readonly name: string; readonly tiled: number[]; readonly simple: number[] }[];
  /** The case of index 9 (294,912 multiply-adds) by the 'auto' path, and the kernels compiled. */
  readonly auto: { readonly values: number[]; readonly compiled: number };
  /** Live buffers after every result was read and freed, against before the cases. */
  readonly buffers: { readonly before: number; readonly after: number };
  readonly fallbacks: readonly string[];
}

function main(): ConvTiledPageReport {
  const device = new Device('webgl2');
  const memory = new MemoryTracker((d) => device.release(d));
  const ctx = new KernelContext(device, memory);
  const put = (o: StoredOperand): View<GpuBuffer> => ({
    buffer: ctx.upload(o.values, 'float32'),
    shape: o.shape,
    strides: o.strides,
    offset: o.offset,
  });
  const read = (b: GpuBuffer): number[] => {
    const values = Array.from(device.download(b.storage.data as DeviceArray));
    memory.dispose(b);
    return values;
  };
  const all = tiledConvCases();
  const operands = all.map((c) => ({
    x: put(c.x),
    w: put(c.w),
    b: c.bias === null ? null : put(c.bias),
  }));
  const before = memory.info().buffers;
  const cases = all.map((c, i) => {
    const { x, w, b } = operands[i] as (typeof operands)[number];
    const tiled = read(conv2d(ctx, x, w, b, c.p, 'tiled'));
    const simple = read(conv2d(ctx, x, w, b, c.p, 'simple'));
    return { name: c.name, tiled, simple };
  });
  const after = memory.info().buffers;
  // 'auto' on a fresh device: the tiled kernel and its unpack kernel (uploads compile first)
  const fresh = new Device('webgl2');
  const freshCtx = new KernelContext(fresh, new MemoryTracker((d) => fresh.release(d)));
  const c = all[9] as (typeof all)[number];
  const upload = (o: StoredOperand): View<GpuBuffer> => ({
    buffer: freshCtx.upload(o.values, 'float32'),
    shape: o.shape,
    strides: o.strides,
    offset: o.offset,
  });
  const [x, w] = [upload(c.x), upload(c.w)];
  const b = c.bias === null ? null : upload(c.bias);
  const compiledBefore = fresh.stats.compiled;
  const out = conv2d(freshCtx, x, w, b, c.p);
  const compiled = fresh.stats.compiled - compiledBefore;
  const values = Array.from(fresh.download(out.storage.data as DeviceArray));
  return {
    cases,
    auto: { values, compiled },
    buffers: { before, after },
    fallbacks: [...device.stats.fallbacks, ...fresh.stats.fallbacks],
  };
}

try {
  const outcome: PageOutcome<ConvTiledPageReport> = { result: main() };
  globalThis.__nablaPageResult = outcome;
} catch (e: unknown) {
  globalThis.__nablaPageResult = {
    crashed: e instanceof Error ? (e.stack ?? e.message) : String(e),
  };
}
