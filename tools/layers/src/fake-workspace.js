// Test helper: small fake workspaces in a temporary directory, laid out like the real one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** @typedef {Record<string, string | object>} Files path -> text, or an object written as JSON */

/**
 * package.json and tsconfig.json of one package; references follow the workspace dependencies
 * unless `refs` is given.
 * @param {string} dir e.g. 'packages/tensor'
 * @param {string} name
 * @param {{ deps?: string[], devDeps?: string[], exports?: unknown, refs?: string[] }} [opts]
 * @returns {Files}
 */
export function fakePackage(dir, name, opts = {}) {
  const deps = opts.deps ?? [];
  const devDeps = opts.devDeps ?? [];
  const asWorkspace = (/** @type {string[]} */ names) =>
    Object.fromEntries(names.map((n) => [n, 'workspace:^']));
  const dirOf = (/** @type {string} */ n) =>
    n === 'nabla' ? 'packages/nabla' : `packages/${n.replace('@nabla/', '')}`;
  const refs = opts.refs ?? [...deps, ...devDeps].map((n) => path.posix.relative(dir, dirOf(n)));
  return {
    [`${dir}/package.json`]: {
      name,
      type: 'module',
      exports: opts.exports ?? { '.': { types: './dist/index.d.ts', import: './dist/index.js' } },
      dependencies: asWorkspace(deps),
      devDependencies: asWorkspace(devDeps),
    },
    // A comment and a trailing comma, as tsconfig files may have.
    [`${dir}/tsconfig.json`]: `{\n  // built by tsc -b\n  "include": ["src"],\n  "references": [${refs
      .map((p) => `{ "path": "${p}" }`)
      .join(', ')}],\n}\n`,
  };
}

/** The layers of the fake workspace. */
export const FAKE_LAYERS = {
  '@nabla/backend': 0,
  '@nabla/backend-cpu': 1,
  '@nabla/tensor': 1,
  '@nabla/layers': 2,
  nabla: 3,
};

/** A clean workspace: backend (0), backend-cpu and tensor (1), layers (2), nabla (3). */
export function cleanWorkspace() {
  return /** @type {Files} */ ({
    'tools/layers/layers.json': { layers: FAKE_LAYERS },
    ...fakePackage('packages/backend', '@nabla/backend', {
      exports: { '.': './dist/index.js', './testing': './dist/testing/index.js' },
    }),
    'packages/backend/src/index.ts': "export * from './shape.js';\n",
    'packages/backend/src/shape.ts': 'export type Shape = number[];\n',
    'packages/backend/src/testing/index.ts':
      "import { describe } from 'vitest';\nexport { describe };\n",
    ...fakePackage('packages/backend-cpu', '@nabla/backend-cpu', { deps: ['@nabla/backend'] }),
    'packages/backend-cpu/src/index.ts': "import type { Shape } from '@nabla/backend';\n",
    'packages/backend-cpu/src/index.test.ts':
      "import { describe } from '@nabla/backend/testing';\n",
    ...fakePackage('packages/tensor', '@nabla/tensor', {
      deps: ['@nabla/backend'],
      devDeps: ['@nabla/backend-cpu'],
    }),
    'packages/tensor/src/index.ts': "import { type Shape } from '@nabla/backend';\n",
    'packages/tensor/src/tensor.test.ts':
      "import { cpu } from '@nabla/backend-cpu';\nimport { t } from './index.js';\n",
    ...fakePackage('packages/layers', '@nabla/layers', {
      deps: ['@nabla/backend', '@nabla/tensor'],
      devDeps: ['@nabla/backend-cpu'],
    }),
    'packages/layers/src/index.ts': [
      'import {',
      '  type Shape,',
      "} from '@nabla/backend';",
      "export { tensor } from '@nabla/tensor';",
      "const pkg = await import('../package.json');",
    ].join('\n'),
    ...fakePackage('packages/nabla', 'nabla', { deps: ['@nabla/layers', '@nabla/tensor'] }),
    'packages/nabla/src/index.js': "export * from '@nabla/layers';\nrequire('@nabla/tensor');\n",
    'packages/nabla/dist/index.js': "import '@nabla/nothing-checks-dist';\n",
    // tools/* are workspace packages but not layered packages: never reported.
    'tools/layers/package.json': { name: '@nabla/tools-layers', private: true },
  });
}

/** @type {string[]} */
const created = [];

/**
 * Writes a workspace to a new temporary directory and returns its path.
 * @param {Files} files
 */
export function writeWorkspace(files) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nabla-layers-'));
  created.push(root);
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      typeof content === 'string' ? content : JSON.stringify(content, null, 2),
    );
  }
  return root;
}

/** Removes every workspace writeWorkspace made (call it in afterEach). */
export function removeWorkspaces() {
  for (const root of created.splice(0)) fs.rmSync(root, { recursive: true, force: true });
}
