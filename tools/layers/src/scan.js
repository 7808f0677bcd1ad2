// Finds the module specifiers a JavaScript / TypeScript file imports, without a parser.
//
// The source is first "masked": comments become spaces, every string literal becomes "N" (its
// index in a side table) and regex literals become blanks, keeping every newline so that offsets
// still give the right line. The import patterns then run on code where no comment or string
// text can look like an import (`import from 'nabla'` inside an error message is not an import).

/** Keywords after which a `/` starts a regex literal, not a division. */
const REGEX_AFTER_WORD = new Set(
  'return typeof instanceof in of new delete void throw case do else yield await'.split(' '),
);

const WORD = /[\w$]+/y;

/** Blanks a slice of source, keeping its newlines. */
const blank = (/** @type {string} */ text) => text.replace(/[^\n]/g, ' ');
const newlines = (/** @type {string} */ text) => text.replace(/[^\n]/g, '');

/**
 * Masks comments, strings, template text and regex literals (see the top of the file).
 * Templates with `${}` are not static strings: their text is blanked, their expressions kept.
 * @param {string} src
 * @returns {{ code: string, strings: string[] }}
 */
export function maskSource(src) {
  /** @type {string[]} */ const out = [];
  /** @type {string[]} */ const strings = [];
  /** @type {number[]} brace depth inside each open `${` */ const holes = [];
  let last = ''; // the last code token: a word or a punctuation char ('"' after a string)
  let i = src.startsWith('#!') ? src.indexOf('\n') : 0;
  if (i < 0) i = src.length;
  out.push(blank(src.slice(0, i)));

  /** Scans template text from i (just after ` or }) to the closing ` or to the next `${`. */
  const templateText = () => {
    let j = i;
    while (j < src.length && src[j] !== '`' && !(src[j] === '$' && src[j + 1] === '{')) {
      j += src[j] === '\\' ? 2 : 1;
    }
    return Math.min(j, src.length);
  };

  while (i < src.length) {
    const c = src.charAt(i);
    const next = src.charAt(i + 1);
    if (c === '/' && next === '/') {
      const end = src.indexOf('\n', i);
      const j = end < 0 ? src.length : end;
      out.push(blank(src.slice(i, j)));
      i = j;
    } else if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      const j = end < 0 ? src.length : end + 2;
      out.push(blank(src.slice(i, j)));
      i = j;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      strings.push(src.slice(i + 1, j));
      out.push(`"${strings.length - 1}"`);
      i = Math.min(j + 1, src.length);
      last = '"';
    } else if (c === '`' || (c === '}' && holes.at(-1) === 0)) {
      // A template starts, or the code of a `${...}` ends and its template resumes.
      if (c === '}') holes.pop();
      const start = i + 1;
      i = start;
      const j = templateText();
      if (c === '`' && src[j] !== '$') {
        strings.push(src.slice(start, j)); // a static template: as good as a string
        out.push(`"${strings.length - 1}"`, newlines(src.slice(start, j)));
        i = j + 1;
      } else if (src[j] === '$') {
        out.push(' ', blank(src.slice(start, j)), '  ');
        holes.push(0);
        i = j + 2;
      } else {
        out.push(' ', blank(src.slice(start, j + 1)));
        i = j + 1;
      }
      last = '"';
    } else if (c === '/' && regexAllowed(last)) {
      const j = regexEnd(src, i);
      if (j < 0) {
        out.push(c);
        last = c;
        i += 1;
      } else {
        out.push(blank(src.slice(i, j)));
        last = '"';
        i = j;
      }
    } else if (/[\w$]/.test(c)) {
      WORD.lastIndex = i;
      const word = WORD.exec(src)?.[0] ?? c;
      out.push(word);
      last = word;
      i += word.length;
    } else {
      // Braces inside a `${...}` are counted, so that only its own `}` resumes the template.
      if (holes.length > 0 && (c === '{' || c === '}')) {
        holes.push((holes.pop() ?? 0) + (c === '{' ? 1 : -1));
      }
      out.push(c);
      if (!/\s/.test(c)) last = c;
      i += 1;
    }
  }
  return { code: out.join(''), strings };
}

/** Whether a `/` after this token starts a regex literal (the usual heuristic). */
function regexAllowed(/** @type {string} */ last) {
  if (last === '') return true;
  if (/^[\w$]/.test(last)) return REGEX_AFTER_WORD.has(last);
  return !/[)\]"]/.test(last);
}

/** The index just past the regex literal (with flags) that starts at i, or -1 if it is none. */
function regexEnd(/** @type {string} */ src, /** @type {number} */ i) {
  let inClass = false;
  for (let j = i + 1; j < src.length; j++) {
    const c = src[j];
    if (c === '\n') return -1;
    if (c === '\\') j++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) {
      let k = j + 1;
      while (k < src.length && /[a-z]/i.test(src[k] ?? '')) k++;
      return k;
    }
  }
  return -1;
}

// Patterns over masked code, where every string is "N". The look-behinds keep `x.import(...)`,
// `x.from "..."` and identifiers such as `reimport` from matching.
const PATTERNS = [
  // import x from, import type {...} from, import * as x from, export {...} from, export * from
  /(?<![\w$.])(?:import|export)(?![\w$])(?!\s*[.(])[^;"]*?(?<![\w$.])from\s*"(\d+)"/dg,
  // import 'side-effect'
  /(?<![\w$.])import\s*"(\d+)"/dg,
  // import('dynamic'), typeof import('x') in types, require('x'), import x = require('x')
  /(?<![\w$.])(?:import|require)\s*\(\s*"(\d+)"/dg,
];

/**
 * The static module specifiers of a source file, with their 1-based lines, in source order.
 * @param {string} source
 * @returns {{ specifier: string, line: number }[]}
 */
export function findImports(source) {
  const { code, strings } = maskSource(source);
  /** @type {Map<number, string>} offset of the string -> specifier (dedupes overlapping matches) */
  const found = new Map();
  for (const pattern of PATTERNS) {
    for (const m of code.matchAll(pattern)) {
      const offset = m.indices?.[1]?.[0] ?? m.index;
      found.set(offset, strings[Number(m[1])] ?? '');
    }
  }
  return [...found.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([offset, specifier]) => ({ specifier, line: lineAt(code, offset) }));
}

/** The 1-based line of an offset. */
function lineAt(/** @type {string} */ text, /** @type {number} */ offset) {
  let line = 1;
  for (let k = text.indexOf('\n'); k >= 0 && k < offset; k = text.indexOf('\n', k + 1)) line++;
  return line;
}
