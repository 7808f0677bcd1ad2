// What the browser bundle of the conformance suite gets for `import ... from 'vitest'`: the
// describe / it stand-in of runner.test.util.ts, and Vitest's own `expect` (the matchers of
// `@vitest/expect` on chai, registered as Vitest registers them), so that assertions behave
// exactly as under Vitest. `@vitest/expect` is resolved from Vitest's own installation by the
// bundler (see bundle.test.util.ts): it is not a dependency of this package.
import { chai, JestAsymmetricMatchers, JestChaiExpect, JestExtend, setState } from '@vitest/expect';

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);
// full messages: a failure lists every element that differs (Vitest's diff shows them too)
chai.config.truncateThreshold = 0;

/** Vitest's `expect(value, message)`, without a running Vitest test to attach to. */
export const expect = (value, message) => chai.expect(value, message);
Object.assign(expect, chai.expect);
setState(
  {
    assertionCalls: 0,
    isExpectingAssertions: false,
    isExpectingAssertionsError: null,
    expectedAssertionsNumber: null,
    expectedAssertionsNumberErrorGen: null,
    currentTestName: '',
  },
  expect,
);

export {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  it,
  test,
} from './runner.test.util.ts';
