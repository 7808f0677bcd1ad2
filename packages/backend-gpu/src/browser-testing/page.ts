import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';

/** A file the page may fetch, besides its script. */
export interface ServedFile {
  /** Its content type ('application/octet-stream', 'application/json', ...). */
  readonly type: string;
  readonly body: string | Uint8Array;
}

/**
 * What a page leaves in `globalThis.__nablaPageResult` when it is done: its result, or why it
 * crashed. The page writes it itself (`import type { PageOutcome }` keeps this module out of the
 * bundle).
 *
 * @example
 * main().then(
 *   (result) => { globalThis.__nablaPageResult = { result }; },
 *   (e) => { globalThis.__nablaPageResult = { crashed: String(e?.stack ?? e) }; },
 * );
 */
export type PageOutcome<T> = { readonly result: T } | { readonly crashed: string };

/** Options of {@link runPage}. */
export interface PageOptions {
  /** The page's program, one ES module ({@link bundleForBrowser}'s output). */
  readonly script: string;
  /** More files the page may fetch, by path: `{ '/images.bin': { type, body } }`. */
  readonly files?: Readonly<Record<string, ServedFile>>;
  /** The query of the page's URL (`'?mode=webgl2'`), for `location.search`. */
  readonly query?: string;
  /** How long the page may take to leave its outcome (default 280 s). */
  readonly timeoutMs?: number;
  /** Sees every console message of the page as it comes (progress of a long run). */
  readonly onConsole?: (type: string, text: string) => void;
}

/** What {@link runPage} returns. */
export interface PageRun<T> {
  readonly result: T;
  /** The page's console errors and warnings, and uncaught errors, in order. */
  readonly logs: readonly string[];
}

const HTML = `<!doctype html><meta charset="utf-8"><title>nabla</title>
<script type="module" src="/page.js"></script>`;

/**
 * Opens a page in `browser` that runs `script`, served from 127.0.0.1 on a free port with
 * `files`, waits until the page leaves its {@link PageOutcome} in `globalThis.__nablaPageResult`
 * and returns its result with the page's console errors and warnings. Throws with the page's
 * stack when it crashed.
 *
 * @example
 * const { result, logs } = await runPage<number[]>(chrome.browser, { script, query: '?mode=webgl2' });
 */
export async function runPage<T>(browser: Browser, options: PageOptions): Promise<PageRun<T>> {
  const server = await serve(options.script, options.files ?? {});
  const page = await browser.newPage();
  try {
    const logs: string[] = [];
    page.on('console', (m) => {
      options.onConsole?.(m.type(), m.text());
      if (m.type() === 'error' || m.type() === 'warning') logs.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => logs.push(`page error: ${e.message}`));
    await page.goto(`${server.url}${options.query ?? ''}`, { waitUntil: 'commit' });
    await page.waitForFunction(() => globalThis.__nablaPageResult !== undefined, null, {
      timeout: options.timeoutMs ?? 280_000,
      polling: 250,
    });
    const outcome = (await page.evaluate(() => globalThis.__nablaPageResult)) as PageOutcome<T>;
    if ('crashed' in outcome) {
      throw new Error(`the page crashed: ${outcome.crashed}\n${logs.join('\n')}`);
    }
    return { result: outcome.result, logs };
  } finally {
    await page.close();
    await new Promise((resolve) => server.server.close(resolve));
  }
}

declare global {
  var __nablaPageResult: unknown;
}

/** Serves the page, its script (`/page.js`) and `files` from 127.0.0.1 on a free port. */
async function serve(
  script: string,
  files: Readonly<Record<string, ServedFile>>,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const file = files[path];
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HTML);
    } else if (path === '/page.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(script);
    } else if (file !== undefined) {
      res.writeHead(200, { 'content-type': file.type }).end(file.body);
    } else if (path === '/favicon.ico') {
      res.writeHead(204).end();
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/` };
}
