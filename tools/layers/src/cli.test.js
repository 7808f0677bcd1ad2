import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { cleanWorkspace, removeWorkspaces, writeWorkspace } from './fake-workspace.js';

afterEach(removeWorkspaces);

const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cli.js');
const run = (/** @type {string} */ root) =>
  spawnSync(process.execPath, [cli, root], { encoding: 'utf8' });

it('prints a one-line summary and exits 0 on a clean workspace', () => {
  const result = run(writeWorkspace(cleanWorkspace()));
  expect(result.stdout).toBe('layers: 5 packages, 12 imports checked, no violations\n');
  expect(result.status).toBe(0);
});

it('prints one line per violation, file:line first, and exits 1', () => {
  const root = writeWorkspace({
    ...cleanWorkspace(),
    'packages/backend/src/index.ts': "\nimport { t } from '@nabla/tensor';\n",
  });
  const result = run(root);
  expect(result.stderr.split('\n')).toEqual([
    'packages/backend/src/index.ts:2: @nabla/backend (layer 0) imports @nabla/tensor (layer 1): a package may import only lower layers',
    'layers: 1 violation in 5 packages (rules: tools/layers/README.md)',
    '',
  ]);
  expect(result.status).toBe(1);
});

it('names the file when a manifest cannot be read, and exits 2', () => {
  const result = run(
    writeWorkspace({ ...cleanWorkspace(), 'packages/tensor/package.json': '{ nope' }),
  );
  expect(result.stderr).toMatch(/^layers: .*packages[/\\]tensor[/\\]package\.json: /);
  expect(result.status).toBe(2);
});
