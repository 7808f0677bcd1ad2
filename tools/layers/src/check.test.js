import { afterEach, describe, expect, it } from 'vitest';
import { checkWorkspace, formatViolation } from './check.js';
import {
  cleanWorkspace,
  FAKE_LAYERS,
  fakePackage,
  removeWorkspaces,
  writeWorkspace,
} from './fake-workspace.js';

afterEach(removeWorkspaces);

/**
 * The violations of the clean workspace with some files replaced or added, as printed lines.
 * @param {import('./fake-workspace.js').Files} [changes]
 */
function check(changes = {}) {
  return checkWorkspace(writeWorkspace({ ...cleanWorkspace(), ...changes })).map(formatViolation);
}

describe('checkWorkspace: imports (rules 1 and 2)', () => {
  it('passes a clean workspace', () => {
    expect(check()).toEqual([]);
  });

  it('reports an upward import, naming both packages and their layers', () => {
    const violations = checkWorkspace(
      writeWorkspace({
        ...cleanWorkspace(),
        'packages/backend/src/index.ts':
          "export * from './shape.js';\nimport { t } from '@nabla/tensor';\n",
      }),
    );
    expect(violations).toEqual([
      {
        package: '@nabla/backend',
        file: 'packages/backend/src/index.ts',
        line: 2,
        message:
          '@nabla/backend (layer 0) imports @nabla/tensor (layer 1): a package may import only lower layers',
      },
    ]);
  });

  it('finds upward imports in every import form', () => {
    const source = [
      "export * from '@nabla/tensor';",
      "export { a } from '@nabla/layers';",
      "import '@nabla/backend-cpu';",
      "const m = await import('nabla');",
      "const r = require('@nabla/tensor');",
    ].join('\n');
    const lines = check({ 'packages/backend/src/index.ts': source });
    expect(lines.map((l) => l.split(': ')[0])).toEqual(
      [1, 2, 3, 4, 5].map((n) => `packages/backend/src/index.ts:${n}`),
    );
    expect(lines.every((l) => l.includes('a package may import only lower layers'))).toBe(true);
  });

  it('reports a same-layer import from a non-test file, even when it is a devDependency', () => {
    expect(
      check({ 'packages/tensor/src/index.ts': "import { cpu } from '@nabla/backend-cpu';\n" }),
    ).toEqual([
      'packages/tensor/src/index.ts:1: @nabla/tensor (layer 1) imports @nabla/backend-cpu (layer 1): a package may import only lower layers (test files may import its own layer, from devDependencies)',
    ]);
  });

  it('lets test files import a same-layer devDependency: *.test.*, test/ and __tests__/', () => {
    const cpu = "import { cpu } from '@nabla/backend-cpu';\n";
    expect(
      check({
        'packages/tensor/src/a.spec.ts': cpu,
        'packages/tensor/src/__tests__/helpers.ts': cpu,
        'packages/tensor/test/setup.ts': cpu,
      }),
    ).toEqual([]);
  });

  it('reports a same-layer import from a test file when it is not a devDependency', () => {
    expect(check({ 'packages/backend-cpu/src/x.test.ts': "import '@nabla/tensor';\n" })).toEqual([
      'packages/backend-cpu/src/x.test.ts:1: @nabla/backend-cpu (layer 1) imports @nabla/tensor (layer 1) in a test file, but @nabla/tensor is not in its devDependencies',
    ]);
  });

  it('reports a higher-layer import from a test file', () => {
    expect(check({ 'packages/tensor/src/t.test.ts': "import { nn } from 'nabla';\n" })).toEqual([
      'packages/tensor/src/t.test.ts:1: @nabla/tensor (layer 1) imports nabla (layer 3): a package may import only lower layers',
    ]);
  });

  it('reports deep imports into src/ or dist/ and unexported subpaths', () => {
    const source = [
      "import { a } from '@nabla/backend/src/shape.js';",
      "import { b } from '@nabla/backend/dist/index.js';",
      "import { c } from '@nabla/backend/internal';",
      "import { d } from '@nabla/backend/testing';",
    ].join('\n');
    const lines = check({ 'packages/tensor/src/index.ts': source });
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      `packages/tensor/src/index.ts:1: @nabla/tensor imports '@nabla/backend/src/shape.js', which is not in @nabla/backend's package.json "exports": import '@nabla/backend' or one of its exported subpaths`,
    );
    expect(lines[1]).toMatch(
      /^packages\/tensor\/src\/index.ts:2: .*'@nabla\/backend\/dist\/index.js'/,
    );
    expect(lines[2]).toMatch(/^packages\/tensor\/src\/index.ts:3: .*'@nabla\/backend\/internal'/);
  });

  it('reports a relative import that climbs out of the package', () => {
    expect(
      check({
        'packages/layers/src/index.ts': "import { x } from '../../backend/src/shape.js';\n",
      }),
    ).toEqual([
      "packages/layers/src/index.ts:1: @nabla/layers imports '../../backend/src/shape.js', which climbs out of packages/layers: import another package by name, through its exports",
    ]);
  });

  it('reports an import of a lower layer that package.json does not declare', () => {
    // backend-cpu is a devDependency of layers: fine for its tests, not for its sources.
    expect(
      check({ 'packages/layers/src/index.ts': "import { cpu } from '@nabla/backend-cpu';\n" }),
    ).toEqual([
      'packages/layers/src/index.ts:1: @nabla/layers (layer 2) imports @nabla/backend-cpu (layer 1), but @nabla/backend-cpu is not in its package.json dependencies',
    ]);
    expect(
      check({ 'packages/layers/src/index.test.ts': "import { cpu } from '@nabla/backend-cpu';\n" }),
    ).toEqual([]);
    expect(
      check({ 'packages/nabla/src/cpu.ts': "import { cpu } from '@nabla/backend-cpu';\n" }),
    ).toEqual([
      'packages/nabla/src/cpu.ts:1: nabla (layer 3) imports @nabla/backend-cpu (layer 1), but @nabla/backend-cpu is not in its package.json dependencies',
    ]);
  });

  it('reports a package importing itself by name', () => {
    expect(
      check({ 'packages/tensor/src/index.ts': "import { t } from '@nabla/tensor';\n" }),
    ).toEqual([
      "packages/tensor/src/index.ts:1: @nabla/tensor imports itself by name ('@nabla/tensor'): inside a package, use a relative import",
    ]);
  });

  it('ignores imports inside comments and strings', () => {
    const source = [
      "// import { t } from '@nabla/tensor';",
      "/* export * from '@nabla/tensor';",
      "   import('nabla') */",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text under test
      "const help = `or import from 'nabla' ${'// not a comment'}`;",
      "const msg = \"import '@nabla/tensor'\"; // import '@nabla/layers'",
    ].join('\n');
    expect(check({ 'packages/backend/src/index.ts': source })).toEqual([]);
  });

  it('reports a package missing from layers.json and a layers.json entry with no package', () => {
    const lines = check({
      ...fakePackage('packages/extra', '@nabla/extra', { deps: ['@nabla/backend'] }),
      'tools/layers/layers.json': { layers: { ...FAKE_LAYERS, '@nabla/gone': 2 } },
    });
    expect(lines).toEqual([
      'tools/layers/layers.json: @nabla/gone has a layer but no package under packages/*, apps/* has that name',
      'packages/extra/package.json: @nabla/extra has no layer: add it to tools/layers/layers.json',
    ]);
  });
});
