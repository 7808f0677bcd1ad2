import { afterEach, describe, expect, it } from 'vitest';
import { checkWorkspace, formatViolation } from './check.js';
import { cleanWorkspace, fakePackage, removeWorkspaces, writeWorkspace } from './fake-workspace.js';

afterEach(removeWorkspaces);

/** @param {import('./fake-workspace.js').Files} changes */
function check(changes) {
  return checkWorkspace(writeWorkspace({ ...cleanWorkspace(), ...changes })).map(formatViolation);
}

const layersDeps = { deps: ['@nabla/backend', '@nabla/tensor'], devDeps: ['@nabla/backend-cpu'] };

describe('checkWorkspace: tsconfig references (rule 3)', () => {
  it('reports a workspace dependency with no tsconfig reference', () => {
    const refs = ['../backend', '../tensor']; // ../backend-cpu, a devDependency, is missing
    expect(check(fakePackage('packages/layers', '@nabla/layers', { ...layersDeps, refs }))).toEqual(
      [
        'packages/layers/tsconfig.json: @nabla/layers depends on @nabla/backend-cpu but tsconfig.json has no reference to ../backend-cpu',
      ],
    );
  });

  it('reports a tsconfig reference with no workspace dependency', () => {
    const refs = ['../backend', '../tensor', '../backend-cpu', '../nabla/tsconfig.json'];
    expect(check(fakePackage('packages/layers', '@nabla/layers', { ...layersDeps, refs }))).toEqual(
      [
        'packages/layers/tsconfig.json: tsconfig.json references ../nabla (nabla), but @nabla/layers has no workspace dependency on it in package.json',
      ],
    );
  });

  it('accepts references to a tsconfig file of the dependency, or inside the package', () => {
    const refs = ['../backend/tsconfig.json', '../tensor', '../backend-cpu/', './test'];
    expect(check(fakePackage('packages/layers', '@nabla/layers', { ...layersDeps, refs }))).toEqual(
      [],
    );
  });

  it('reports every workspace dependency when there is no tsconfig.json', () => {
    const files = cleanWorkspace();
    delete files['packages/backend-cpu/tsconfig.json'];
    const lines = checkWorkspace(writeWorkspace(files)).map(formatViolation);
    expect(lines).toEqual([
      'packages/backend-cpu/tsconfig.json: @nabla/backend-cpu depends on @nabla/backend but tsconfig.json (missing) has no reference to ../backend',
    ]);
  });
});

describe('checkWorkspace: package.json dependencies (rule 4)', () => {
  it('reports dependencies on the same or a higher layer', () => {
    const lines = check(
      fakePackage('packages/tensor', '@nabla/tensor', {
        deps: ['@nabla/backend', '@nabla/backend-cpu', '@nabla/layers'],
      }),
    );
    expect(lines).toEqual([
      'packages/tensor/package.json: @nabla/tensor (layer 1) depends on @nabla/backend-cpu (layer 1) in dependencies: a package may depend only on lower layers (a same-layer package may be a devDependency, for tests)',
      'packages/tensor/package.json: @nabla/tensor (layer 1) depends on @nabla/layers (layer 2) in dependencies: a package may depend only on lower layers',
    ]);
  });

  it('reports a devDependency on a higher layer', () => {
    const lines = check(
      fakePackage('packages/tensor', '@nabla/tensor', {
        deps: ['@nabla/backend'],
        devDeps: ['@nabla/backend-cpu', 'nabla'],
      }),
    );
    expect(lines).toEqual([
      'packages/tensor/package.json: @nabla/tensor (layer 1) depends on nabla (layer 3) in devDependencies: a package may never depend on a higher layer',
    ]);
  });

  it('reports a workspace package named without workspace: and an unknown workspace: name', () => {
    const files = fakePackage('packages/backend-cpu', '@nabla/backend-cpu', {
      deps: ['@nabla/backend'],
    });
    const pkg = /** @type {{ dependencies: Record<string, string> }} */ (
      files['packages/backend-cpu/package.json']
    );
    pkg.dependencies = { '@nabla/backend': '^0.1.0', '@nabla/typo': 'workspace:^', vitest: '^4' };
    expect(check(files)).toEqual([
      'packages/backend-cpu/package.json: @nabla/backend-cpu depends on workspace package @nabla/backend as "^0.1.0" in dependencies: use "workspace:^"',
      'packages/backend-cpu/package.json: @nabla/backend-cpu depends on @nabla/typo "workspace:^" in dependencies, but no workspace package has that name',
    ]);
  });
});
