// The layering check of DESIGN.md ("Packages and layers"): imports point only down, through
// package exports, and package.json agrees with the imports and with tsconfig references.
import fs from 'node:fs';
import path from 'node:path';
import { checkManifest } from './manifest.js';
import { findImports } from './scan.js';
import {
  findPackages,
  isTestFile,
  PACKAGE_GLOBS,
  readJson,
  relPath,
  sourceFiles,
} from './workspace.js';

/** The single source of truth for layers, relative to the workspace root. */
export const LAYERS_FILE = 'tools/layers/layers.json';

/**
 * @typedef {object} Violation
 * @property {string} package the package at fault
 * @property {string} [file] path relative to the root, with forward slashes
 * @property {number} [line] 1-based line in `file`
 * @property {string} message
 *
 * @typedef {import('./workspace.js').Pkg} Pkg
 * @typedef {object} Context
 * @property {string} root
 * @property {Record<string, number>} layers
 * @property {Map<string, Pkg>} byName the layered packages (packages/*, apps/*) by name
 * @property {Map<string, Pkg>} known every workspace package by name, tools/* included
 * @property {Violation[]} violations
 */

/**
 * Checks the workspace at rootDir and returns its violations (an empty list when it is clean).
 * @param {string} rootDir
 * @returns {Violation[]}
 */
export function checkWorkspace(rootDir) {
  return analyzeWorkspace(rootDir).violations;
}

/**
 * Like checkWorkspace, with the counts the CLI prints.
 * @param {string} rootDir
 * @returns {{ packages: number, imports: number, violations: Violation[] }}
 */
export function analyzeWorkspace(rootDir) {
  const root = path.resolve(rootDir);
  const layers = /** @type {Record<string, number>} */ (
    readJson(path.join(root, LAYERS_FILE)).layers ?? {}
  );
  const pkgs = findPackages(root, PACKAGE_GLOBS);
  /** @type {Context} */
  const ctx = {
    root,
    layers,
    byName: new Map(pkgs.map((p) => [p.name, p])),
    known: new Map([...findPackages(root, ['tools']), ...pkgs].map((p) => [p.name, p])),
    violations: [],
  };

  for (const name of Object.keys(layers)) {
    if (!ctx.byName.has(name)) {
      ctx.violations.push({
        package: name,
        file: LAYERS_FILE,
        message: `${name} has a layer but no package under ${PACKAGE_GLOBS.join('/*, ')}/* has that name`,
      });
    }
  }

  let imports = 0;
  for (const pkg of pkgs) {
    if (layers[pkg.name] === undefined) {
      ctx.violations.push({
        package: pkg.name,
        file: `${pkg.rel}/package.json`,
        message: `${pkg.name} has no layer: add it to ${LAYERS_FILE}`,
      });
    }
    checkManifest(pkg, ctx);
    for (const file of sourceFiles(pkg.dir)) {
      const isTest = isTestFile(relPath(pkg.dir, file));
      for (const { specifier, line } of findImports(fs.readFileSync(file, 'utf8'))) {
        imports++;
        const message = checkImport(pkg, file, specifier, isTest, ctx);
        if (message)
          ctx.violations.push({ package: pkg.name, file: relPath(root, file), line, message });
      }
    }
  }
  return { packages: pkgs.length, imports, violations: ctx.violations };
}

/**
 * Rules 1 and 2 for one import: what is wrong with it, or null.
 * @param {Pkg} pkg @param {string} file @param {string} spec @param {boolean} isTest
 * @param {Context} ctx
 * @returns {string | null}
 */
function checkImport(pkg, file, spec, isTest, ctx) {
  if (spec.startsWith('.') || spec.startsWith('/')) {
    const target = path.resolve(path.dirname(file), spec);
    if (isInside(pkg.dir, target)) return null;
    return `${pkg.name} imports '${spec}', which climbs out of ${pkg.rel}: import another package by name, through its exports`;
  }
  const name = packageName(spec);
  const target = ctx.byName.get(name);
  if (!target) return null; // not a layered workspace package: npm packages, node: builtins
  if (target === pkg) {
    return `${pkg.name} imports itself by name ('${spec}'): inside a package, use a relative import`;
  }
  const subpath = `.${spec.slice(name.length)}`;
  if (/^\.\/(?:src|dist)(?:\/|$)/.test(subpath) || !isExported(target.exports, subpath)) {
    return `${pkg.name} imports '${spec}', which is not in ${name}'s package.json "exports": import '${name}' or one of its exported subpaths`;
  }

  const own = ctx.layers[pkg.name];
  const theirs = ctx.layers[name];
  if (own === undefined || theirs === undefined) return null; // reported as a missing layer
  const who = `${pkg.name} (layer ${own}) imports ${spec} (layer ${theirs})`;
  if (theirs > own) return `${who}: a package may import only lower layers`;
  if (theirs === own && !isTest) {
    return `${who}: a package may import only lower layers (test files may import its own layer, from devDependencies)`;
  }
  if (theirs === own && !(name in pkg.devDependencies) && !(name in pkg.dependencies)) {
    return `${who} in a test file, but ${name} is not in its devDependencies`;
  }
  if (theirs < own && !(name in pkg.dependencies) && !(isTest && name in pkg.devDependencies)) {
    const where = isTest ? 'dependencies or devDependencies' : 'dependencies';
    return `${who}, but ${name} is not in its package.json ${where}`;
  }
  return null;
}

/** The package part of a bare specifier: '@scope/name' or 'name'. */
export function packageName(/** @type {string} */ spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec);
}

/**
 * Whether a subpath ('.', './testing') is public in a package.json "exports" field. Without
 * "exports", only the bare package name counts as public.
 * @param {unknown} exp @param {string} subpath
 */
export function isExported(exp, subpath) {
  if (exp === null || typeof exp !== 'object' || Array.isArray(exp)) return subpath === '.';
  const map = /** @type {Record<string, unknown>} */ (exp);
  const keys = Object.keys(map);
  if (!keys.some((k) => k.startsWith('.'))) return subpath === '.'; // conditions only: "." alone
  if (subpath in map) return map[subpath] !== null;
  // Patterns ("./kernels/*"): the longest matching prefix wins, as in Node; null excludes.
  const match = keys
    .filter((k) => k.includes('*'))
    .sort((a, b) => b.indexOf('*') - a.indexOf('*'))
    .find((k) => {
      const [pre = '', post = ''] = k.split('*');
      return (
        subpath.startsWith(pre) &&
        subpath.endsWith(post) &&
        subpath.length > pre.length + post.length
      );
    });
  return match !== undefined && map[match] !== null;
}

/** Whether `target` is `dir` or inside it. */
function isInside(/** @type {string} */ dir, /** @type {string} */ target) {
  const rel = path.relative(dir, target);
  return rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

/** One violation as a line: `file:line: message`, or `package: message` when there is no file. */
export function formatViolation(/** @type {Violation} */ v) {
  const where = v.file ? `${v.file}${v.line ? `:${v.line}` : ''}` : v.package;
  return `${where}: ${v.message}`;
}
