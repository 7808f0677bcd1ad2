import { type BundleOptions, bundleForBrowser } from './bundle.js';
import { type LaunchOptions, launchChromium } from './chromium.js';
import { type PageOptions, type PageRun, runPage } from './page.js';

/** Options of {@link runInChromium}: how to bundle, launch and serve the page. */
export interface RunInChromiumOptions extends Omit<PageOptions, 'script'> {
  readonly bundle?: Omit<BundleOptions, 'entry'>;
  readonly launch?: LaunchOptions;
}

/**
 * The whole round trip of a browser test: bundles `entry`, starts the system Chromium, runs the
 * bundle in a page ({@link runPage}) and closes Chromium, whatever happened.
 *
 * @example
 * const { result, logs } = await runInChromium<Report>('/abs/page.ts', { query: '?mode=webgl2' });
 */
export async function runInChromium<T>(
  entry: string,
  options: RunInChromiumOptions = {},
): Promise<PageRun<T>> {
  const { bundle, launch, ...page } = options;
  const script = await bundleForBrowser({ ...bundle, entry });
  const chrome = await launchChromium(launch);
  try {
    return await runPage<T>(chrome.browser, { ...page, script });
  } finally {
    await chrome.close();
  }
}
