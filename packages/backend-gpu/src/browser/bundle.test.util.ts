import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { bundleForBrowser } from '../browser-testing/index.js';

/** The package's root (this file is in src/browser, or dist/browser once compiled). */
const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BROWSER_SRC = join(PACKAGE_ROOT, 'src', 'browser');

/**
 * Where Vitest's own dependencies are installed (`@vitest/expect` among them). pnpm links a
 * package's dependencies beside it, so this folder resolves them without this package
 * depending on them.
 */
function vitestDependencies(): string {
  const require = createRequire(import.meta.url);
  const pkg = realpathSync(require.resolve('vitest/package.json'));
  return dirname(dirname(pkg));
}

/** `import 'vitest'` in the bundle: the browser runner with Vitest's expect. */
const vitestAlias: Plugin = {
  name: 'vitest-alias',
  setup(b) {
    b.onResolve({ filter: /^vitest$/ }, () => ({
      path: join(BROWSER_SRC, 'vitest-alias.test.util.js'),
    }));
  },
};

/**
 * Bundles the conformance page (`page.test.util.ts`, the shared suite of
 * `@nabla/backend/testing` on this package's backend) into one ES module for the browser;
 * gpu.js comes in as its browser build. Returns the module's text.
 */
export async function bundleConformancePage(): Promise<string> {
  return bundleForBrowser({
    entry: join(BROWSER_SRC, 'page.test.util.ts'),
    nodePaths: [vitestDependencies()],
    plugins: [vitestAlias],
  });
}
