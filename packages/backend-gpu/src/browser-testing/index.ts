/**
 * Running a program in headless Chromium from a Node test or script: bundle it with esbuild as
 * an application's bundler would, start the system Chromium (WebGL2 on SwiftShader where there
 * is no GPU) through playwright-core, serve the page and read back its result. The browser tests
 * of `@nabla/backend-gpu` (the conformance suite in WebGL2 mode) and of `nabla` (the course's
 * MLP trained in a page) use it, and so does the GPU benchmark. Node only; `esbuild` and
 * `playwright-core` are optional peer dependencies, needed only here.
 *
 * `runInChromium(entry, options)` does all three for one page, closing Chromium afterwards.
 *
 * @example
 * import { bundleForBrowser, launchChromium, runPage } from '@nabla/backend-gpu/browser-testing';
 * const script = await bundleForBrowser({ entry: '/abs/path/page.ts' });
 * const chrome = await launchChromium();
 * try {
 *   const { result } = await runPage<number[]>(chrome.browser, { script, query: '?mode=webgl2' });
 * } finally {
 *   await chrome.close();
 * }
 *
 * `nodeWebGpu()` is its counterpart for gpu.js's `webgpu` mode in Node itself: it installs the
 * `webgpu` package (Dawn) as `navigator.gpu` and reports the adapter, or why there is none.
 */
export { type BundleOptions, bundleForBrowser, emptyNodeBuiltins } from './bundle.js';
export {
  CHROMIUM_FLAGS,
  chromiumMissing,
  chromiumPath,
  inCi,
  type LaunchOptions,
  launchChromium,
  type RunningChromium,
} from './chromium.js';
export { type AdapterInfo, type NodeWebGpu, nodeWebGpu } from './node-webgpu.js';
export {
  type PageOptions,
  type PageOutcome,
  type PageRun,
  runPage,
  type ServedFile,
} from './page.js';
export { type RunInChromiumOptions, runInChromium } from './run-in-chromium.js';
