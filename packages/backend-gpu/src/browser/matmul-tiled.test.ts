import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chromiumMissing, runInChromium } from '../browser-testing/index.js';
import {
  type MatmulCase,
  mismatch,
  reference,
  tiledCases,
} from '../kernels/matmul-tiled-cases.test.util.js';
import type { TiledPageReport } from './matmul-tiled-page.test.util.js';

// The tiled matmul kernel on gpu.js's WebGL2 mode in headless Chromium (SwiftShader where there
// is no GPU): there its four outputs per thread come back as a vec4 (RGBA32F) texture, which a
// second kernel unpacks; the Node tests cover the same kernel in webasm and cpu modes.

const HERE = dirname(fileURLToPath(import.meta.url));
const PACKAGE_ROOT = join(HERE, '..', '..');

describe('tiled matmul in headless Chromium (gpu.js webgl2)', () => {
  it('matches float64 references on odd, strided and batched products', async (ctx) => {
    const missing = chromiumMissing(); // throws in CI, which must run the browser tests
    if (missing !== null) {
      console.warn(`skipping the browser tiled-matmul test: ${missing}`);
      ctx.skip();
    }
    const { result, logs } = await runInChromium<TiledPageReport>(
      join(PACKAGE_ROOT, 'src', 'browser', 'matmul-tiled-page.test.util.ts'),
      {
        timeoutMs: 120_000,
      },
    );
    const cases = tiledCases();
    expect(result.cases.map((c) => c.name)).toEqual(cases.map((c) => c.name));
    const failures: string[] = [];
    result.cases.forEach((got, i) => {
      const want = reference(cases[i] as MatmulCase);
      for (const sum of ['block', 'term'] as const) {
        const why = mismatch(got[sum], want);
        if (why !== null) failures.push(`${got.name}, ${sum} sums: ${why}`);
      }
    });
    expect(failures, logs.join('\n')).toEqual([]);
    // 64^3 multiply-adds: 'auto' takes the tiled kernel in webgl2 (it and its unpack kernel)
    const x = Array.from({ length: 64 * 64 }, (_, i) => ((i * 37) % 17) / 8 - 1);
    const op = { values: x, shape: [64, 64], strides: [64, 1], offset: 0 };
    expect(result.auto.compiled).toBe(2);
    expect(mismatch(result.auto.values, reference({ name: 'auto', a: op, b: op }))).toBeNull();
    expect(result.fallbacks).toEqual([]);
  }, 180_000);
});
