import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { contiguousView, type View } from '@nabla/backend';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseAutoMode } from './choose-auto-mode.js';
import { createGpuBackend } from './gpu-backend.js';
import type { GpuBuffer } from './gpu-buffer.js';
import { DRIVER_MODES } from './mode.js';
import { probeModes } from './probe-modes.js';

const gpu = createGpuBackend({ mode: 'webasm' });
afterAll(() => gpu.destroy());

const f32 = (values: number[], shape: number[] = [values.length]): View<GpuBuffer> =>
  contiguousView(gpu.fromValues(values, 'float32'), shape);
const read = (b: GpuBuffer): number[] => Array.from(gpu.readSync(b));

describe('createGpuBackend', () => {
  it('runs the mode asked for, on device gpu, and says so', () => {
    expect(gpu.device).toBe('gpu');
    expect(gpu.mode).toBe('webasm');
    expect(gpu.modeChoice).toEqual({ mode: 'webasm', reason: 'webasm: asked for' });
    expect(gpu.capabilities).toMatchObject({ exactInt32: true, arithmetic: 'float32' });
    expect(createGpuBackend({ mode: 'cpu' }).capabilities.arithmetic).toBe('float64');
  });

  it("'auto' takes chooseAutoMode's pick among the probed modes, with the reason", () => {
    const found = probeModes();
    expect(found.map((m) => m.mode)).toContain('cpu');
    const auto = createGpuBackend();
    expect(auto.modeChoice).toEqual(chooseAutoMode(found));
    // Node without a GL context (CI, these machines): WebAssembly
    if (!found.some((m) => DRIVER_MODES.includes(m.mode))) {
      expect(auto.mode).toBe('webasm');
      expect(auto.modeChoice.reason).toBe('webasm: no hardware GPU; no GPU mode available');
    }
  });

  it('rejects an unknown mode, and webgpu where there is no navigator.gpu, with a clear error', () => {
    // @ts-expect-error: not a mode
    expect(() => createGpuBackend({ mode: 'cuda' })).toThrow(/gpu mode must be one of/);
    // (webgpu itself runs where there is a WebGPU: see webgpu.test.ts)
    expect((globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu).toBeUndefined();
    expect(() => createGpuBackend({ mode: 'webgpu' })).toThrow(
      /mode 'webgpu' needs WebGPU \(navigator\.gpu\)/,
    );
  });
});

describe('memory', () => {
  it('counts live buffers and device bytes (int32 takes two floats)', () => {
    const before = gpu.memory();
    const a = gpu.fromValues([1, 2, 3], 'float32');
    const b = gpu.zeros(4, 'int32');
    expect(gpu.memory()).toEqual({ buffers: before.buffers + 2, bytes: before.bytes + 12 + 32 });
    gpu.dispose(a);
    gpu.dispose(a); // a second dispose does nothing
    gpu.dispose(b);
    expect(gpu.memory()).toEqual(before);
  });

  it('a disposed buffer cannot be read or used', () => {
    const a = gpu.fromValues([1, 2], 'float32');
    gpu.dispose(a);
    expect(() => gpu.readSync(a)).toThrow(/was disposed/);
    expect(() => gpu.unary('neg', contiguousView(a, [2]))).toThrow(/was disposed/);
  });

  it('tidy frees every intermediate but what it returns; nested scopes hand results out', () => {
    const before = gpu.memory().buffers;
    const kept = gpu.tidy(() => {
      const x = f32([1, -2, 3]);
      const y = gpu.unary('abs', x);
      const inner = gpu.tidy(() => gpu.unary('neg', contiguousView(y, [3])));
      const z = gpu.binary('mul', contiguousView(y, [3]), contiguousView(inner, [3]));
      return { z, also: [gpu.keep(gpu.fromValues([9], 'float32'))] };
    });
    expect(read(kept.z)).toEqual([-1, -4, -9]);
    expect(gpu.memory().buffers).toBe(before + 2);
    gpu.dispose(kept.z);
    gpu.dispose(kept.also[0] as GpuBuffer);
    expect(gpu.memory().buffers).toBe(before);
  });

  it('tidy frees what fn made when fn throws', () => {
    const before = gpu.memory().buffers;
    expect(() =>
      gpu.tidy(() => {
        f32([1, 2]);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(gpu.memory().buffers).toBe(before);
  });

  it('startScope / endScope: keep joins the enclosing scope, drop frees buffers made anywhere', () => {
    const before = gpu.memory().buffers;
    const outside = gpu.fromValues([1], 'float32');
    gpu.startScope();
    const a = gpu.fromValues([2], 'float32');
    gpu.startScope();
    const b = gpu.fromValues([3], 'float32');
    const c = gpu.fromValues([4], 'float32');
    expect([gpu.inScope(b), gpu.inScope(a), gpu.inScope(outside)]).toEqual([true, false, false]);
    gpu.endScope(new Set([b]), [outside]);
    expect(read(b)).toEqual([3]);
    expect(() => gpu.readSync(c)).toThrow(/was disposed/);
    expect(() => gpu.readSync(outside)).toThrow(/was disposed/);
    expect(gpu.inScope(b)).toBe(true); // b now belongs to the outer scope
    gpu.endScope(new Set([a]));
    expect(read(a)).toEqual([2]);
    expect(() => gpu.readSync(b)).toThrow(/was disposed/);
    gpu.dispose(a);
    expect(gpu.memory().buffers).toBe(before);
    expect(() => gpu.endScope(new Set())).toThrow(/without an open scope/);
  });

  it('frees buffers that are garbage-collected without dispose (FinalizationRegistry)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const before = gpu.memory().buffers;
    (() => {
      for (let i = 0; i < 10; i++) gpu.fromValues([i], 'float32');
    })();
    expect(gpu.memory().buffers).toBe(before + 10);
    for (let round = 0; round < 20 && gpu.memory().buffers > before; round++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(gpu.memory().buffers).toBe(before);
  });

  it('readSync gives a copy: writing into it leaves the buffer alone', () => {
    const a = gpu.fromValues([1, 2], 'float32');
    const seen = gpu.readSync(a);
    seen[0] = 100;
    expect(read(a)).toEqual([1, 2]);
  });

  it('refuses buffers past 2^24 floats where indices are float32, naming the limit', () => {
    expect(() => gpu.zeros(2 ** 23 + 1, 'int32')).toThrow(/larger than 16777216 \(2\^24\)/);
  });
});

describe('kernel cache', () => {
  it('compiles once per shape and stride pattern, then reuses', () => {
    const be = createGpuBackend({ mode: 'webasm' });
    const x = contiguousView(be.fromValues([1, 2, 3, 4, 5, 6], 'float32'), [2, 3]);
    be.unary('exp', x);
    const first = be.kernels().compiled;
    be.unary('exp', contiguousView(be.fromValues([6, 5, 4, 3, 2, 1], 'float32'), [2, 3]));
    expect(be.kernels().compiled).toBe(first);
    // a transposed view of the same buffer is another stride pattern: one more kernel
    be.unary('exp', { buffer: x.buffer, shape: [3, 2], strides: [1, 3], offset: 0 });
    expect(be.kernels().compiled).toBe(first + 1);
    expect(be.kernels().calls).toBe(3);
  });

  it('evicts the least recently used kernel past its size', () => {
    const be = createGpuBackend({ mode: 'cpu', kernelCacheSize: 2 });
    for (const n of [1, 2, 3]) be.unary('neg', contiguousView(be.zeros(n, 'float32'), [n]));
    expect(be.kernels()).toMatchObject({ compiled: 3, cached: 2 });
  });
});

describe('loops bounded by constants run past 1000 iterations', () => {
  const n = 3000;
  const values = Array.from({ length: n }, (_, i) => ((i * 37) % 101) - 50);
  it('sum, argmax and softmax over 3000 elements; matmul with K = 1500', () => {
    const x = f32(values, [1, n]);
    expect(read(gpu.reduce('sum', x, [1]))).toEqual([values.reduce((s, v) => s + v, 0)]);
    expect(read(gpu.argReduce('argmax', x, 1))).toEqual([values.indexOf(50)]);
    const p = read(gpu.softmax(x, 1));
    expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    const k = 1500;
    const a = f32(new Array(k).fill(1), [1, k]);
    const b = f32(new Array(k).fill(2), [k, 1]);
    expect(read(gpu.matmul(a, b))).toEqual([2 * k]);
  });
});
