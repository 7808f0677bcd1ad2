import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleConformancePage } from './bundle.test.util.js';
import type { PageReport } from './page.test.util.js';

// The backend conformance suite in headless Chromium, on gpu.js's WebGL2 mode (SwiftShader, a
// software GL, where there is no GPU). Chromium is the system's (Debian's `chromium`, installed
// by .ci/run through scripts/install-chromium.sh), driven by playwright-core: no browser is
// downloaded. The page is the suite bundled by esbuild with a small describe / it runner and
// Vitest's own expect (see runner.test.util.ts), served from 127.0.0.1.

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
/** CI systems set `CI` (to 'true', '1', ...); 'false' and '0' mean not in CI. */
const IN_CI = !['', '0', 'false'].includes((process.env.CI ?? '').toLowerCase());

/** Chromium's flags: new headless, WebGL on SwiftShader, and no calls to Google's servers. */
const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-default-apps',
];

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
  'golden values from torch',
];

const PAGE = `<!doctype html><meta charset="utf-8"><title>nabla conformance</title>
<script type="module" src="/conformance.js"></script>`;

/** Serves the page and the bundled suite from 127.0.0.1 on a free port. */
async function serve(bundle: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
    } else if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    } else if (path === '/conformance.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(bundle);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/` };
}

/**
 * The system Chromium, held to half of the cores (`taskset`, where it exists): SwiftShader
 * keeps every core it may use busy for half a minute, and CI runs the other packages' tests at
 * the same time, some under Vitest's 5 s timeout. (`nice` does not hold: Chromium resets its
 * processes' priorities.) The wrapper only sets the CPU affinity, which every Chromium process
 * inherits; Playwright's pipe to the browser passes through `exec`.
 */
function confinedChromium(dir: string): string {
  const cores = availableParallelism();
  if (!existsSync('/usr/bin/taskset') || cores < 2) return CHROMIUM;
  const list = `${Math.floor(cores / 2)}-${cores - 1}`;
  const wrapper = join(dir, 'chromium');
  writeFileSync(wrapper, `#!/bin/sh\nexec /usr/bin/taskset -c ${list} '${CHROMIUM}' "$@"\n`, {
    mode: 0o755,
  });
  return wrapper;
}

let browser: Browser | undefined;
let server: Server | undefined;
let scratch: string | undefined;
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

describe('the backend conformance suite in headless Chromium (gpu.js webgl2)', () => {
  it('passes every test on WebGL2, with no fallback to gpu.js cpu', async (ctx) => {
    if (!HAVE_CHROMIUM) {
      const why = `no Chromium at ${CHROMIUM}: install it with scripts/install-chromium.sh (Debian's chromium), or set CHROMIUM_PATH`;
      // in CI the browser test must run: .ci/run installs Chromium first
      if (IN_CI) throw new Error(`${why}; CI must run the browser test`);
      console.warn(`skipping the browser conformance test: ${why}`);
      ctx.skip();
    }
    const bundle = await bundleConformancePage();
    const served = await serve(bundle);
    server = served.server;
    scratch = mkdtempSync(join(tmpdir(), 'nabla-chromium-'));
    const executablePath = confinedChromium(scratch);
    browser = await chromium.launch({ executablePath, headless: true, args: FLAGS });
    const page = await browser.newPage();
    const logs: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') logs.push(m.text());
    });
    page.on('pageerror', (e) => logs.push(`page error: ${e.message}`));
    await page.goto(`${served.url}?mode=webgl2`, { waitUntil: 'commit' });
    await page.waitForFunction(() => globalThis.__nablaConformance !== undefined, null, {
      timeout: 280_000,
      polling: 250,
    });
    const report = (await page.evaluate(() => globalThis.__nablaConformance)) as
      | PageReport
      | { crashed: string };
    if ('crashed' in report) throw new Error(`the page crashed: ${report.crashed}`);
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
