import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { analyzeWorkspace, formatViolation } from './check.js';

// tools/layers/src -> the repository root.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

it('the real workspace has no layering violations', () => {
  const { packages, violations } = analyzeWorkspace(root);
  expect(packages).toBeGreaterThan(0);
  // Compared as printed lines, so that a failure shows exactly what `pnpm lint:layers` would.
  expect(violations.map(formatViolation)).toEqual([]);
});
