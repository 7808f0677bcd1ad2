import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  chromiumMissing,
  launchChromium,
  type RunningChromium,
  runPage,
} from '../browser-testing/index.js';
import { bundleConformancePage } from './bundle.test.util.js';
import type { PageReport } from './page.test.util.js';

// The backend conformance suite in headless Chromium, on gpu.js's WebGL2 mode (SwiftShader, a
// software GL, where there is no GPU). Chromium is the system's (Debian's `chromium`, installed
// by .ci/run through scripts/install-chromium.sh), driven by playwright-core: no browser is
// downloaded. The page is the suite bundled by esbuild with a small describe / it runner and
// Vitest's own expect (see runner.test.util.ts), served from 127.0.0.1 (../browser-testing).

/** The suite's top-level groups (packages/backend/src/testing). */
const GROUPS = [
  'memory',
  'unary',
  'binary',
  'where',
  'reduce',
  'argReduce',
  'matmul',
  'gather',
  'scatter',
  'cast',
  'assign',
  'softmax (optional)',
  'logSoftmax (optional)',
  'thresholdBackward (optional)',
  'conv2d (optional)',
  'maxPool2d (optional)',
  'batchNorm (optional)',
  'golden values from torch',
];

let chrome: RunningChromium | undefined;
afterAll(async () => {
  await chrome?.close();
});

describe('the backend conformance suite in headless Chromium (gpu.js webgl2)', () => {
  it('passes every test on WebGL2, with no fallback to gpu.js cpu', async (ctx) => {
    const missing = chromiumMissing(); // throws in CI, which must run the browser tests
    if (missing !== null) {
      console.warn(`skipping the browser conformance test: ${missing}`);
      ctx.skip();
    }
    const script = await bundleConformancePage();
    chrome = await launchChromium();
    const { result: report, logs } = await runPage<PageReport>(chrome.browser, {
      script,
      query: '?mode=webgl2',
    });
    // NABLA_BROWSER_REPORT=file.json keeps the whole report (every test, its time and error)
    const keepAt = process.env.NABLA_BROWSER_REPORT;
    if (keepAt) writeFileSync(keepAt, JSON.stringify({ ...report, logs }, null, 1));

    const failures = report.results
      .filter((r) => r.status === 'fail')
      .map((r) => `${r.name}\n  ${r.error}`);
    console.log(
      `webgl2 on ${report.renderer}: ${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped of ${report.registered} (${(report.ms / 1000).toFixed(1)} s, ${report.kernels} kernels compiled)`,
    );
    expect(report.mode).toBe('webgl2');
    expect(report.renderer, 'a WebGL2 context in the page').not.toBeNull();
    expect(report.errors, 'errors outside tests').toEqual([]);
    expect(failures, logs.join('\n')).toEqual([]);
    expect(report.results.length, 'every registered test ran').toBe(report.registered);
    expect(report.skipped, 'tests skipped').toBe(0);
    expect(report.fallbacks).toEqual([]);
    // the suite's groups are all there (a group that failed to register would be missing)
    for (const group of GROUPS) {
      expect(
        report.results.some((r) => r.name.includes(`conformance > ${group}`)),
        group,
      ).toBe(true);
    }
  }, 300_000);
});
