// The browser page of matmul-tiled.test.ts: runs the tiled matmul kernel (four outputs per
// thread, returned as a vec4, then unpacked by a second kernel) on gpu.js's WebGL2 mode over the
// cases of ../kernels/matmul-tiled-cases.test.util.ts, and leaves what it computed in
// `globalThis.__nablaPageResult`; the test compares it with float64 references in Node.
import type { View } from '@nabla/backend';
import type { PageOutcome } from '../browser-testing/index.js';
import { Device, type DeviceArray } from '../device.js';
import type { GpuBuffer } from '../gpu-buffer.js';
import { KernelContext } from '../kernel-context.js';
import { matmul } from '../kernels/matmul.js';
import { matmulTiled } from '../kernels/matmul-tiled.js';
import { type StoredOperand, tiledCases } from '../kernels/matmul-tiled-cases.test.util.js';
import { MemoryTracker } from '../memory.js';

/** What the page reports. */
export interface TiledPageReport {
  /** Per case (in tiledCases() order): the tiled products with 'block' and 'term' sums. */
  readonly cases: { readonly name: string; readonly block: number[]; readonly term: number[] }[];
  /** The 64^3 product by the 'auto' path and the kernels that compiled for it. */
  readonly auto: { readonly values: number[]; readonly compiled: number };
  readonly fallbacks: readonly string[];
}

function main(): TiledPageReport {
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
  const cases = tiledCases().map((c) => {
    const a = put(c.a);
    const b = put(c.b);
    const block = read(matmul(ctx, a, b, 'tiled'));
    const term = read(matmulTiled(ctx, a, b, 'term'));
    return { name: c.name, block, term };
  });
  const x = Array.from({ length: 64 * 64 }, (_, i) => ((i * 37) % 17) / 8 - 1);
  const op = { values: x, shape: [64, 64], strides: [64, 1], offset: 0 };
  const [a, b] = [put(op), put(op)];
  const before = device.stats.compiled;
  const auto = read(matmul(ctx, a, b));
  return {
    cases,
    auto: { values: auto, compiled: device.stats.compiled - before },
    fallbacks: device.stats.fallbacks,
  };
}

try {
  const outcome: PageOutcome<TiledPageReport> = { result: main() };
  globalThis.__nablaPageResult = outcome;
} catch (e: unknown) {
  globalThis.__nablaPageResult = {
    crashed: e instanceof Error ? (e.stack ?? e.message) : String(e),
  };
}
