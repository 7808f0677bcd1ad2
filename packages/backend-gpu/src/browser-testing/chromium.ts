import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

/** The system Chromium: `CHROMIUM_PATH`, or Debian's `/usr/bin/chromium`. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Whether this is a CI run: CI systems set `CI` (to 'true', '1', ...); 'false' and '0' are not. */
export function inCi(): boolean {
  return !['', '0', 'false'].includes((process.env.CI ?? '').toLowerCase());
}

/**
 * Why the browser tests cannot run here (no Chromium at {@link chromiumPath}), or null when they
 * can. In CI this throws instead: `.ci/run` installs Chromium first, so a missing one is a
 * broken CI, not a reason to skip.
 *
 * @example
 * const missing = chromiumMissing();
 * if (missing !== null) { console.warn(`skipping: ${missing}`); ctx.skip(); }
 */
export function chromiumMissing(): string | null {
  const path = chromiumPath();
  if (existsSync(path)) return null;
  const why = `no Chromium at ${path}: install it with scripts/install-chromium.sh (Debian's chromium), or set CHROMIUM_PATH`;
  if (inCi()) throw new Error(`${why}; CI must run the browser tests`);
  return why;
}

/** Chromium's flags: new headless, WebGL on SwiftShader, and no calls to Google's servers. */
export const CHROMIUM_FLAGS: readonly string[] = [
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

/** Options of {@link launchChromium}. */
export interface LaunchOptions {
  /**
   * Hold Chromium to half of the cores (`taskset`, where it exists; default true): SwiftShader
   * keeps every core it may use busy, and CI runs the other packages' tests at the same time,
   * some under Vitest's 5 s timeout. (`nice` does not hold: Chromium resets its processes'
   * priorities.) A benchmark gives it every core instead.
   */
  readonly confine?: boolean;
}

/** A running Chromium; `close()` ends it and removes its scratch folder. */
export interface RunningChromium {
  readonly browser: Browser;
  close(): Promise<void>;
}

/**
 * Starts the system Chromium ({@link chromiumPath}), headless with {@link CHROMIUM_FLAGS}, through
 * playwright-core: no browser is downloaded.
 *
 * @example
 * const chrome = await launchChromium();
 * try { ... chrome.browser.newPage() ... } finally { await chrome.close(); }
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<RunningChromium> {
  const scratch = mkdtempSync(join(tmpdir(), 'nabla-chromium-'));
  const executablePath =
    (options.confine ?? true) ? confinedChromium(scratch, chromiumPath()) : chromiumPath();
  try {
    const browser = await chromium.launch({
      executablePath,
      headless: true,
      args: [...CHROMIUM_FLAGS],
    });
    return {
      browser,
      close: async () => {
        await browser.close();
        rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(scratch, { recursive: true, force: true });
    throw e;
  }
}

/**
 * A wrapper script that starts Chromium on the upper half of the cores. It only sets the CPU
 * affinity, which every Chromium process inherits; Playwright's pipe passes through `exec`.
 */
function confinedChromium(dir: string, browser: string): string {
  const cores = availableParallelism();
  if (!existsSync('/usr/bin/taskset') || cores < 2) return browser;
  const list = `${Math.floor(cores / 2)}-${cores - 1}`;
  const wrapper = join(dir, 'chromium');
  writeFileSync(wrapper, `#!/bin/sh\nexec /usr/bin/taskset -c ${list} '${browser}' "$@"\n`, {
    mode: 0o755,
  });
  return wrapper;
}
