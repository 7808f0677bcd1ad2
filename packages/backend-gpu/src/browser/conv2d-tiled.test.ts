import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chromiumMissing, runInChromium } from '../browser-testing/index.js';
import {
  type ConvCase,
  convMismatch,
  convReference,
  tiledConvCases,
} from '../kernels/conv2d-tiled-cases.test.util.js';
import type { ConvTiledPageReport } from './conv2d-tiled-page.test.util.js';

// The tiled conv2d kernel on gpu.js's WebGL2 mode in headless Chromium (SwiftShader where there
// is no GPU): there its four outputs per thread come back as a vec4 (RGBA32F) texture, which a
// second kernel unpacks; the Node tests cover the same kernel in webasm and cpu modes.

const HERE = dirname(fileURLToPath(import.meta.url));
const PACKAGE_ROOT = join(HERE, '..', '..');

describe('tiled conv2d in headless Chromium (gpu.js webgl2)', () => {
  it('matches float64 references with padding, strides, dilation, groups and views', async (ctx) => {
    const missing = chromiumMissing(); // throws in CI, which must run the browser tests
    if (missing !== null) {
      console.warn(`skipping the browser tiled-conv2d test: ${missing}`);
      ctx.skip();
    }
    const { result, logs } = await runInChromium<ConvTiledPageReport>(
      join(PACKAGE_ROOT, 'src', 'browser', 'conv2d-tiled-page.test.util.ts'),
      {
        timeoutMs: 120_000,
      },
    );
    const cases = tiledConvCases();
    expect(result.cases.map((c) => c.name)).toEqual(cases.map((c) => c.name));
    const failures: string[] = [];
    result.cases.forEach((got, i) => {
      const want = convReference(cases[i] as ConvCase);
      for (const path of ['tiled', 'simple'] as const) {
        const why = convMismatch(got[path], want);
        if (why !== null) failures.push(`${got.name}, ${path}: ${why}`);
      }
    });
    expect(failures, logs.join('\n')).toEqual([]);
    // every result was freed: the buffers left are the operands
    expect(result.buffers.after).toBe(result.buffers.before);
    // 294,912 multiply-adds, Wo = 8, no padding: 'auto' takes the tiled kernel in webgl2 (it
    // and its unpack kernel; x is read as it is, no padded copy)
    expect(result.auto.compiled).toBe(2);
    expect(convMismatch(result.auto.values, convReference(cases[9] as ConvCase))).toBeNull();
    expect(result.fallbacks).toEqual([]);
  }, 180_000);
});
