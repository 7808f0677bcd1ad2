/**
 * A small stand-in for Vitest's `describe` / `it` (and the hooks), so that the conformance
 * suite of `@nabla/backend/testing`, written for Vitest, runs in a browser page bundled without
 * Vitest's runner. The bundle maps the module `vitest` to `vitest-alias.test.util.js`, which
 * exports these with Vitest's own `expect` (`@vitest/expect` and chai, as Vitest builds it).
 *
 * Semantics kept from Vitest: `describe` bodies run at once (collection); tests then run one
 * at a time in registration order, awaiting async ones; `ctx.skip()` marks a test skipped;
 * `beforeAll` / `afterAll` run once per suite, `beforeEach` / `afterEach` around each test of
 * the suite and its children. Not supported (an error when used): `.only`, `.each`, `.concurrent`.
 */

/** What a test receives: Vitest's context, reduced to what the suite uses. */
export interface TestContext {
  /** Marks the running test skipped and stops it (Vitest's `ctx.skip()`). */
  skip(note?: string): never;
}

type TestFn = (ctx: TestContext) => unknown;
type Hook = () => unknown;

interface Suite {
  readonly name: string;
  readonly parent: Suite | null;
  readonly children: (Suite | Test)[];
  readonly beforeAll: Hook[];
  readonly afterAll: Hook[];
  readonly beforeEach: Hook[];
  readonly afterEach: Hook[];
}

interface Test {
  readonly name: string;
  readonly fn: TestFn | undefined;
  readonly skip: boolean;
}

/** The outcome of one test. */
export interface TestResult {
  /** Suite names and the test's name, joined by ' > ' (as Vitest prints them). */
  readonly name: string;
  readonly status: 'pass' | 'fail' | 'skip';
  /** The error's message (and stack's first lines) for a failure. */
  readonly error?: string;
  readonly ms: number;
}

/** What {@link runTests} reports. */
export interface RunReport {
  /** Tests registered by the `describe` bodies. */
  readonly registered: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly results: readonly TestResult[];
  /** Errors outside tests (a hook, or a `describe` body that threw). */
  readonly errors: readonly string[];
}

const newSuite = (name: string, parent: Suite | null): Suite => ({
  name,
  parent,
  children: [],
  beforeAll: [],
  afterAll: [],
  beforeEach: [],
  afterEach: [],
});

const root = newSuite('', null);
let current = root;
/** Inside a `describe.skip` body: its tests are registered skipped. */
let skipping = 0;
const collectErrors: string[] = [];

class SkipSignal extends Error {}

const describeImpl = (name: string, body: () => void): void => {
  const suite = newSuite(name, current);
  current.children.push(suite);
  const outer = current;
  current = suite;
  try {
    body();
  } catch (e) {
    collectErrors.push(`describe '${name}': ${message(e)}`);
  } finally {
    current = outer;
  }
};

const itImpl = (name: string, fn?: TestFn): void => {
  current.children.push({ name, fn, skip: skipping > 0 });
};

const unsupported = (what: string) => () => {
  throw new Error(`browser runner: ${what} is not supported; run this file with Vitest instead`);
};

/** Vitest's `describe`. */
export const describe = Object.assign(describeImpl, {
  skip: (name: string, body: () => void) => {
    skipping++;
    try {
      describeImpl(name, body);
    } finally {
      skipping--;
    }
  },
  only: unsupported('describe.only'),
  each: unsupported('describe.each'),
  concurrent: unsupported('describe.concurrent'),
});

/** Vitest's `it`. */
export const it = Object.assign(itImpl, {
  skip: (name: string, fn?: TestFn) => {
    current.children.push({ name, fn, skip: true });
  },
  only: unsupported('it.only'),
  each: unsupported('it.each'),
  concurrent: unsupported('it.concurrent'),
  todo: (name: string) => {
    current.children.push({ name, fn: undefined, skip: true });
  },
});

/** Vitest's `test` (the same as `it`). */
export const test = it;

export function beforeAll(fn: Hook): void {
  current.beforeAll.push(fn);
}
export function afterAll(fn: Hook): void {
  current.afterAll.push(fn);
}
export function beforeEach(fn: Hook): void {
  current.beforeEach.push(fn);
}
export function afterEach(fn: Hook): void {
  current.afterEach.push(fn);
}

function message(e: unknown): string {
  if (e instanceof Error) {
    const stack = (e.stack ?? '').split('\n').slice(1, 4).join('\n');
    return stack ? `${e.message}\n${stack}` : e.message;
  }
  return String(e);
}

function countTests(suite: Suite): number {
  let n = 0;
  for (const c of suite.children) n += 'children' in c ? countTests(c) : 1;
  return n;
}

function hooksOf(suite: Suite, kind: 'beforeEach' | 'afterEach'): Hook[] {
  const chain: Suite[] = [];
  for (let s: Suite | null = suite; s !== null; s = s.parent) chain.unshift(s);
  const hooks = chain.flatMap((s) => s[kind]);
  return kind === 'afterEach' ? hooks.reverse() : hooks;
}

/**
 * Runs every registered test, one at a time; `onResult` sees each result as it comes (for
 * progress). Never throws: failures are in the report.
 */
export async function runTests(onResult?: (r: TestResult) => void): Promise<RunReport> {
  const results: TestResult[] = [];
  const errors = [...collectErrors];
  const record = (r: TestResult) => {
    results.push(r);
    onResult?.(r);
  };
  const ctx: TestContext = {
    skip: (note?: string) => {
      throw new SkipSignal(note ?? 'skipped');
    },
  };

  async function runSuite(suite: Suite, path: string[]): Promise<void> {
    for (const hook of suite.beforeAll) {
      try {
        await hook();
      } catch (e) {
        errors.push(`beforeAll of '${path.join(' > ')}': ${message(e)}`);
        return;
      }
    }
    for (const child of suite.children) {
      if ('children' in child) {
        await runSuite(child, [...path, child.name]);
        continue;
      }
      const name = [...path, child.name].join(' > ');
      // let the page's event loop run now and then (a browser tab otherwise freezes)
      if (results.length % 16 === 15) await new Promise((resolve) => setTimeout(resolve, 0));
      if (child.skip || child.fn === undefined) {
        record({ name, status: 'skip', ms: 0 });
        continue;
      }
      const start = performance.now();
      let status: TestResult['status'] = 'pass';
      let error: string | undefined;
      try {
        for (const hook of hooksOf(suite, 'beforeEach')) await hook();
        await child.fn(ctx);
      } catch (e) {
        if (e instanceof SkipSignal) status = 'skip';
        else {
          status = 'fail';
          error = message(e);
        }
      }
      try {
        for (const hook of hooksOf(suite, 'afterEach')) await hook();
      } catch (e) {
        status = 'fail';
        error = `afterEach: ${message(e)}`;
      }
      const ms = performance.now() - start;
      record(error === undefined ? { name, status, ms } : { name, status, error, ms });
    }
    for (const hook of suite.afterAll) {
      try {
        await hook();
      } catch (e) {
        errors.push(`afterAll of '${path.join(' > ')}': ${message(e)}`);
      }
    }
  }

  await runSuite(root, []);
  const by = (s: TestResult['status']) => results.filter((r) => r.status === s).length;
  return {
    registered: countTests(root),
    passed: by('pass'),
    failed: by('fail'),
    skipped: by('skip'),
    results,
    errors,
  };
}
