import { builtinModules } from 'node:module';
import { build, type Plugin } from 'esbuild';

/** Options of {@link bundleForBrowser}. */
export interface BundleOptions {
  /** The page's entry module (an absolute path; TypeScript is fine). */
  readonly entry: string;
  /** More esbuild plugins (to map a module to a stand-in, say). */
  readonly plugins?: readonly Plugin[];
  /** Folders to resolve bare imports from, besides the usual node_modules lookup. */
  readonly nodePaths?: readonly string[];
}

const BUILTINS = new Set(builtinModules);

/**
 * Node's built-in modules (`node:fs`, `path`, ...) as empty modules, as Vite and webpack's
 * `resolve.fallback: { fs: false }` make them for a browser: a package that reads files in Node
 * (the data set loaders of `@nabla/datasets`) still bundles, and only calling those functions
 * fails in the page.
 */
export const emptyNodeBuiltins: Plugin = {
  name: 'empty-node-builtins',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_]+(\/[a-z_]+)?$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      const isBuiltin = args.path.startsWith('node:') || BUILTINS.has(name);
      return isBuiltin ? { path: name, namespace: 'empty-node-builtin' } : undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'empty-node-builtin' }, () => ({
      contents: 'module.exports = {};',
      loader: 'js',
    }));
  },
};

/**
 * Bundles a page's program into one ES module for Chromium, the way an application's bundler
 * would: browser builds of dependencies (gpu.js's among them), Node built-ins empty (see
 * {@link emptyNodeBuiltins}), an inline source map. Returns the module's text.
 *
 * @example
 * const script = await bundleForBrowser({ entry: join(here, 'page.ts') });
 */
export async function bundleForBrowser(options: BundleOptions): Promise<string> {
  const result = await build({
    entryPoints: [options.entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    sourcemap: 'inline',
    nodePaths: [...(options.nodePaths ?? [])],
    plugins: [...(options.plugins ?? []), emptyNodeBuiltins],
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (file === undefined) throw new Error('esbuild wrote no output');
  return file.text;
}
