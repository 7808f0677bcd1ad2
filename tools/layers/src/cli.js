#!/usr/bin/env node
// `pnpm lint:layers`: checks the workspace that holds this file (or the directory given as the
// first argument) and prints one line per violation; exits 1 when there is any.
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { analyzeWorkspace, formatViolation } from './check.js';

const root = process.argv[2]
  ? path.resolve(process.argv[2])
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

try {
  const { packages, imports, violations } = analyzeWorkspace(root);
  if (violations.length === 0) {
    console.log(`layers: ${packages} packages, ${imports} imports checked, no violations`);
  } else {
    for (const v of violations) console.error(formatViolation(v));
    const n = violations.length;
    console.error(
      `layers: ${n} violation${n === 1 ? '' : 's'} in ${packages} packages (rules: tools/layers/README.md)`,
    );
    process.exitCode = 1;
  }
} catch (err) {
  // A broken package.json or layers.json: say which file, not a stack trace.
  console.error(`layers: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 2;
}
