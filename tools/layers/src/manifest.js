// Rules on a package's manifests: package.json dependencies point down (rule 4) and match the
// tsconfig.json "references" both ways (rule 3), so that `tsc -b` builds what pnpm links.
import path from 'node:path';
import { relPath } from './workspace.js';

/**
 * Checks one package's package.json and tsconfig.json, adding to ctx.violations.
 * @param {import('./workspace.js').Pkg} pkg
 * @param {import('./check.js').Context} ctx
 */
export function checkManifest(pkg, ctx) {
  const report = (/** @type {string} */ file, /** @type {string} */ message) =>
    ctx.violations.push({ package: pkg.name, file: `${pkg.rel}/${file}`, message });
  const own = ctx.layers[pkg.name];

  /** @type {Map<string, string>} absolute directory -> name, of the workspace dependencies */
  const wanted = new Map();
  for (const field of /** @type {const} */ (['dependencies', 'devDependencies'])) {
    for (const [name, version] of Object.entries(pkg[field])) {
      const target = ctx.known.get(name);
      const isWorkspace = String(version).startsWith('workspace:');
      if (isWorkspace && !target) {
        report(
          'package.json',
          `${pkg.name} depends on ${name} "${version}" in ${field}, but no workspace package has that name`,
        );
        continue;
      }
      if (!target) continue; // an npm package
      if (!isWorkspace) {
        // Without the protocol pnpm may fetch the published version instead of linking this one.
        report(
          'package.json',
          `${pkg.name} depends on workspace package ${name} as "${version}" in ${field}: use "workspace:^"`,
        );
      }
      wanted.set(target.dir, name);

      // Rule 4: dependencies point to lower layers; devDependencies to lower or the same layer.
      const theirs = ctx.layers[name];
      if (own === undefined || theirs === undefined || !ctx.byName.has(name)) continue;
      const who = `${pkg.name} (layer ${own}) depends on ${name} (layer ${theirs}) in ${field}`;
      if (field === 'dependencies' && theirs >= own) {
        const hint =
          theirs === own ? ' (a same-layer package may be a devDependency, for tests)' : '';
        report('package.json', `${who}: a package may depend only on lower layers${hint}`);
      } else if (field === 'devDependencies' && theirs > own) {
        report('package.json', `${who}: a package may never depend on a higher layer`);
      }
    }
  }

  // Rule 3: workspace dependencies == tsconfig references. References inside the package itself
  // (a tsconfig for its tests, say) are not dependencies and are left alone.
  const refs = (pkg.references ?? []).filter((dir) => path.relative(pkg.dir, dir).startsWith('..'));
  const tsconfig = pkg.references === null ? 'tsconfig.json (missing)' : 'tsconfig.json';
  for (const [dir, name] of wanted) {
    if (!refs.includes(dir)) {
      report(
        'tsconfig.json',
        `${pkg.name} depends on ${name} but ${tsconfig} has no reference to ${relPath(pkg.dir, dir)}`,
      );
    }
  }
  for (const dir of new Set(refs)) {
    if (wanted.has(dir)) continue;
    const name = [...ctx.known.values()].find((p) => p.dir === dir)?.name;
    const what = name ? `${relPath(pkg.dir, dir)} (${name})` : relPath(pkg.dir, dir);
    report(
      'tsconfig.json',
      `${tsconfig} references ${what}, but ${pkg.name} has no workspace dependency on it in package.json`,
    );
  }
}
