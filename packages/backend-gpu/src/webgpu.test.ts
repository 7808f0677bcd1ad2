import { contiguousView, type View } from '@nabla/backend';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeWebGpu } from './browser-testing/index.js';
import { chooseAutoMode } from './choose-auto-mode.js';
import { createGpuBackend, type GpuBackend } from './gpu-backend.js';
import type { GpuBuffer } from './gpu-buffer.js';
import { probeModes, probeWebGpu } from './probe-modes.js';
import { isSoftwareRenderer } from './software-renderer.js';

// gpu.js's webgpu mode in Node (Dawn, see browser-testing/node-webgpu.ts): ops hand back buffers
// at once, their kernels run in order behind them, reads are asynchronous only. Without Mesa
// (scripts/install-vulkan.sh) these tests are skipped locally; in CI they fail.
const found = await nodeWebGpu();
const missing = typeof found === 'string' ? found : null;
if (missing !== null) console.warn(`skipping the webgpu tests: ${missing}`);

describe.skipIf(missing !== null)('gpu.js webgpu mode', () => {
  let gpu: GpuBackend;
  const backend = (): GpuBackend => {
    gpu ??= createGpuBackend({ mode: 'webgpu' });
    return gpu;
  };
  afterAll(() => gpu?.destroy());
  const f32 = (values: number[]): View<GpuBuffer> =>
    contiguousView(backend().fromValues(values, 'float32'), [values.length]);
  const read = async (b: GpuBuffer): Promise<number[]> => Array.from(await backend().read(b));

  it('runs on an adapter that says what it is', () => {
    if (typeof found === 'string') throw new Error(found);
    console.info(`webgpu adapter (${found.backend}): ${JSON.stringify(found.info)}`);
    expect(found.info.device.length + found.info.description.length).toBeGreaterThan(0);
    expect(backend().mode).toBe('webgpu');
    expect(backend().capabilities.readSync).toBe(false);
    // host-side value checks (class labels, indices in range) are skipped on such a device
    expect(backend().readsAsync).toBe(true);
    expect(createGpuBackend({ mode: 'cpu' }).readsAsync).toBe(false);
  });

  it('hands back buffers at once and reads them with await', async () => {
    const be = backend();
    const a = f32([1, 2, 3]);
    const b = f32([10, 20, 30]);
    const c = be.binary('add', a, b);
    const d = be.unary('neg', contiguousView(c, [3]));
    expect(c.size).toBe(3);
    expect(await read(d)).toEqual([-11, -22, -33]);
    expect(await read(c)).toEqual([11, 22, 33]);
    expect(Array.from(await be.read(be.fromValues([7, -8], 'int32')))).toEqual([7, -8]);
  });

  it('readSync throws a clear error (the device cannot read synchronously)', () => {
    const be = backend();
    const a = be.fromValues([1, 2], 'float32');
    expect(() => be.readSync(a)).toThrow(
      /cannot read synchronously in webgpu mode.*use await tensor\.data\(\)/,
    );
    // an empty buffer too, so that whether a read works does not depend on the size
    expect(() => be.readSync(be.zeros(0, 'float32'))).toThrow(/cannot read synchronously/);
  });

  it('frees a buffer only after the kernels and reads asked for before', async () => {
    const be = backend();
    const before = be.memory();
    const a = f32([1, 2, 3, 4]);
    const twice = be.binary('add', a, a);
    const reading = be.read(a.buffer);
    be.dispose(a.buffer); // before either kernel has run
    const sum = be.reduce('sum', contiguousView(twice, [4]), [0]);
    be.dispose(twice);
    expect(Array.from(await reading)).toEqual([1, 2, 3, 4]);
    expect(await read(sum)).toEqual([20]);
    be.dispose(sum);
    expect(be.memory()).toEqual(before);
  });

  it('keeps the order of in-place assigns and the reads around them', async () => {
    const be = backend();
    const dst = f32([0, 0, 0]);
    const first = be.read(dst.buffer);
    be.assign(dst, f32([1, 2, 3]));
    const second = be.read(dst.buffer);
    be.assign(dst, f32([4, 5, 6]));
    expect(Array.from(await first)).toEqual([0, 0, 0]);
    expect(Array.from(await second)).toEqual([1, 2, 3]);
    expect(await read(dst.buffer)).toEqual([4, 5, 6]);
  });

  it('throws at once on a disposed operand, as every mode does, and goes on', async () => {
    const be = backend();
    const a = f32([1, 2]);
    const gone = be.binary('mul', a, a);
    be.dispose(gone);
    // a launch on a disposed buffer throws at once, as in every mode
    expect(() => be.unary('neg', contiguousView(gone, [2]))).toThrow(/disposed/);
    expect(await read(be.binary('mul', a, a))).toEqual([1, 4]);
  });

  it("is not what 'auto' picks on a software adapter (llvmpipe, SwiftShader)", async () => {
    const webgpu = await probeWebGpu();
    expect(webgpu?.mode).toBe('webgpu');
    const choice = chooseAutoMode([...(webgpu ? [webgpu] : []), ...probeModes()]);
    if (webgpu?.renderer !== undefined && isSoftwareRenderer(webgpu.renderer)) {
      expect(choice.mode).not.toBe('webgpu');
      expect(choice.reason).toContain('webgpu renders with software');
    }
    // createGpuBackend's 'auto' does not ask for an adapter (that is asynchronous)
    expect(createGpuBackend().mode).not.toBe('webgpu');
  });
});
