import { describe, expect, it } from 'vitest';
import { isExported, packageName } from './check.js';
import { findImports } from './scan.js';
import { isTestFile, parseJsonc } from './workspace.js';

/** The specifiers findImports sees, as 'line:specifier'. */
const found = (/** @type {string[]} */ ...lines) =>
  findImports(lines.join('\n')).map((i) => `${i.line}:${i.specifier}`);

describe('findImports', () => {
  it('finds every import form, with the line of the specifier', () => {
    expect(
      found(
        "import x from 'a';",
        'import type { T } from "b";',
        "import 'c';",
        "import * as ns from 'd';",
        "import e, { f as g } from 'e';",
        "export * from 'f';",
        "export * as h from 'g';",
        "export { i, type J } from 'h';",
        "export type { K } from 'i';",
        "const m = await import('j');",
        "const n = require('k');",
        "import o = require('l');",
        "type P = typeof import('m');",
        'const q = import(`n`);',
      ),
    ).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n'].map(
        (s, i) => `${i + 1}:${s}`,
      ),
    );
  });

  it('finds multi-line import lists and code without semicolons', () => {
    expect(
      found('import {', '  a,', '  b,', "} from './ab.js'", "export { c } from './c.js'"),
    ).toEqual(['4:./ab.js', '5:./c.js']);
  });

  it('ignores imports inside comments', () => {
    expect(
      found(
        "// import x from 'a';",
        "/* import 'b';",
        "   export * from 'c'; */ import 'd';",
        "/** @example import('e') */",
      ),
    ).toEqual(['3:d']);
    expect(found("#!/usr/bin/env node import 'f'", "import 'g';")).toEqual(['2:g']);
  });

  it('ignores imports inside strings and template literals, keeps them in template expressions', () => {
    expect(
      found(
        'const a = "import x from \'a\'";',
        "const b = 'import(\"b\") // not a comment'; import 'c';",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: source text under test
        "const d = `import from 'd' ${await import('e')} require('f')`;",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: source text under test
        "const g = `${`${import('g')}`}`; import 'h';",
      ),
    ).toEqual(['2:c', '3:e', '4:g', '4:h']);
  });

  it('does not take comment markers inside strings or regexes for comments', () => {
    expect(
      found(
        "const url = 'http://example.com/*'; import 'a';",
        "const re = /\\/\\/'/g; import 'b';",
        "const r2 = /[/*]/; import 'c'; // */ import 'x'",
        "const half = total / 2; import 'd'; const x = y / 3;",
      ),
    ).toEqual(['1:a', '2:b', '3:c', '4:d']);
  });

  it('is not fooled by import.meta, methods called import or from, or names ending in import', () => {
    expect(
      found(
        'const u = import.meta.url;',
        "loader.import('a'); Array.from('b'); reimport('c'); x.require('d');",
        "export const from = 'e';",
        "export default { from: 'f' };",
      ),
    ).toEqual([]);
  });

  it('ignores dynamic imports whose specifier is computed', () => {
    expect(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text under test
      found("await import(name); await import(`./${name}.js`); await import('a' + b);"),
    ).toEqual(['1:a']);
  });
});

describe('helpers', () => {
  it('packageName takes the scope into account', () => {
    expect(packageName('@nabla/backend/testing')).toBe('@nabla/backend');
    expect(packageName('nabla/sub/path')).toBe('nabla');
    expect(packageName('nabla')).toBe('nabla');
  });

  it('isExported reads subpaths, conditions, patterns and null exclusions', () => {
    const exp = {
      '.': { import: './dist/index.js' },
      './testing': './dist/testing.js',
      './k/*': './dist/k/*.js',
      './k/private/*': null,
    };
    expect(isExported(exp, '.')).toBe(true);
    expect(isExported(exp, './testing')).toBe(true);
    expect(isExported(exp, './k/matmul')).toBe(true);
    expect(isExported(exp, './k/private/x')).toBe(false);
    expect(isExported(exp, './src/index.js')).toBe(false);
    expect(isExported({ import: './a.js', types: './a.d.ts' }, '.')).toBe(true);
    expect(isExported('./a.js', './a.js')).toBe(false);
    expect(isExported(undefined, '.')).toBe(true);
    expect(isExported(undefined, './dist/a.js')).toBe(false);
  });

  it('isTestFile knows *.test.*, *.spec.*, *.test.util.*, test/ and __tests__/', () => {
    expect(
      [
        'src/a.test.ts',
        'src/a.spec.tsx',
        'src/a.test.util.ts',
        'test/a.ts',
        'src/__tests__/a.ts',
      ].map(isTestFile),
    ).toEqual([true, true, true, true, true]);
    expect(
      ['src/a.ts', 'src/testing/index.ts', 'src/latest.ts', 'src/test.ts', 'src/util.ts'].map(
        isTestFile,
      ),
    ).toEqual([false, false, false, false, false]);
  });

  it('parseJsonc strips comments and trailing commas, not inside strings', () => {
    expect(parseJsonc('{\n  // c\n  "a": "//x,]", /* c */ "b": [1, 2,],\n}')).toEqual({
      a: '//x,]',
      b: [1, 2],
    });
  });
});
