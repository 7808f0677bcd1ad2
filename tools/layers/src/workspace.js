// Reads the workspace: its packages, their package.json and tsconfig.json, their source files.
import fs from 'node:fs';
import path from 'node:path';

/** Where workspace packages live; tools/* are private helpers and are not layered. */
export const PACKAGE_GLOBS = ['packages', 'apps'];

/** Packages that are a folder of the root themselves (pnpm-workspace.yaml lists them by name). */
export const ROOT_PACKAGES = ['bench'];

/** Directories never scanned for sources. */
const SKIP_DIRS = new Set(['node_modules', 'dist', '.turbo', 'coverage']);

/** Source directories scanned in each package (test/ and __tests__/ may sit beside src/). */
const SOURCE_DIRS = ['src', 'test', '__tests__'];
const SOURCE_EXT = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

/**
 * @typedef {object} Pkg
 * @property {string} name the package.json name
 * @property {string} dir absolute directory
 * @property {string} rel directory relative to the root, with forward slashes
 * @property {Record<string, string>} dependencies
 * @property {Record<string, string>} devDependencies
 * @property {unknown} exports the package.json "exports" field
 * @property {string[] | null} references resolved tsconfig references; null without a tsconfig
 */

/**
 * Parses JSON that may carry comments and trailing commas, as tsconfig.json may.
 * @param {string} text
 * @returns {any}
 */
export function parseJsonc(text) {
  // Strings are matched first so that "//" or "," inside a string survives.
  const noComments = text.replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (m, s) =>
    s ? m : ' ',
  );
  return JSON.parse(noComments.replace(/("(?:[^"\\]|\\.)*")|,(?=\s*[}\]])/g, (_m, s) => s ?? ''));
}

/** Reads and parses a JSON(C) file, naming the file when it is not valid. */
export function readJson(/** @type {string} */ file) {
  try {
    return parseJsonc(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Forward-slash path of `file` relative to `root`. */
export const relPath = (/** @type {string} */ root, /** @type {string} */ file) =>
  path.relative(root, file).split(path.sep).join('/');

/**
 * The packages in the given folders of the root (packages/*, apps/*), sorted by directory.
 * @param {string} root
 * @param {string[]} [globs]
 * @returns {Pkg[]}
 */
export function findPackages(root, globs = PACKAGE_GLOBS) {
  /** @type {Pkg[]} */
  const pkgs = [];
  const dirs = [];
  for (const glob of globs) {
    const parent = path.join(root, glob);
    if (!fs.existsSync(parent)) continue;
    for (const entry of fs.readdirSync(parent, { withFileTypes: true })) {
      if (entry.isDirectory()) dirs.push(path.join(parent, entry.name));
    }
  }
  if (globs === PACKAGE_GLOBS) dirs.push(...ROOT_PACKAGES.map((d) => path.join(root, d)));
  for (const dir of dirs) {
    if (!fs.existsSync(path.join(dir, 'package.json'))) continue;
    const json = readJson(path.join(dir, 'package.json'));
    pkgs.push({
      name: String(json.name ?? relPath(root, dir)),
      dir,
      rel: relPath(root, dir),
      dependencies: json.dependencies ?? {},
      devDependencies: json.devDependencies ?? {},
      exports: json.exports,
      references: readReferences(dir),
    });
  }
  return pkgs.sort((a, b) => a.rel.localeCompare(b.rel));
}

/** The absolute directories a package's tsconfig.json references; null when it has none. */
function readReferences(/** @type {string} */ dir) {
  const file = path.join(dir, 'tsconfig.json');
  if (!fs.existsSync(file)) return null;
  const refs = readJson(file).references ?? [];
  return refs.map((/** @type {{ path: string }} */ ref) => {
    const target = path.resolve(dir, ref.path);
    // A reference may name a tsconfig file ("../backend/tsconfig.build.json") or a directory.
    return target.endsWith('.json') ? path.dirname(target) : target;
  });
}

/**
 * The source files of a package, sorted.
 * @param {string} dir the package directory
 * @returns {string[]} absolute paths
 */
export function sourceFiles(dir) {
  /** @type {string[]} */
  const files = [];
  const walk = (/** @type {string} */ d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory() && !SKIP_DIRS.has(entry.name)) walk(p);
      else if (entry.isFile() && SOURCE_EXT.test(entry.name)) files.push(p);
    }
  };
  for (const sub of SOURCE_DIRS) {
    if (fs.existsSync(path.join(dir, sub))) walk(path.join(dir, sub));
  }
  return files.sort();
}

/**
 * Test files may use devDependencies: *.test.* / *.spec.* files, test-only helpers named
 * *.test.util.* (which Vitest does not collect and `files` does not publish), and anything under a
 * test/ or __tests__/ directory of the package.
 * @param {string} relToPackage the file's path relative to its package, with forward slashes
 */
export function isTestFile(relToPackage) {
  const parts = relToPackage.split('/');
  const base = parts[parts.length - 1] ?? '';
  return (
    /\.(?:test|spec)(?:\.util)?\.[cm]?[jt]sx?$/.test(base) ||
    parts.slice(0, -1).some((p) => p === 'test' || p === '__tests__')
  );
}
