// A few lines of Vitest for inside Chromium: the bundler maps `vitest` here, so shared contract
// suites written for Vitest (describe/test/hooks/expect) run unchanged against a real browser store.
// `expect` is Vitest's own (@vitest/expect on chai), so matchers behave exactly as under Node.
import {
  chai,
  GLOBAL_EXPECT,
  getState,
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
  setState,
} from '@vitest/expect';

type Hook = () => unknown;
interface Suite {
  name: string;
  before: Hook[];
  after: Hook[];
  parent: Suite | undefined;
}
interface Case {
  name: string;
  suite: Suite;
  fn: Hook;
}

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

export const expect = ((value: unknown, message?: string) => {
  setState({ assertionCalls: getState(expect).assertionCalls + 1 }, expect);
  return chai.expect(value, message);
}) as unknown as typeof import('vitest').expect;
Object.assign(expect, chai.expect);
setState({ assertionCalls: 0, isExpectingAssertions: false, expectedAssertionsNumber: null }, expect);
(globalThis as Record<PropertyKey, unknown>)[GLOBAL_EXPECT] = expect;

const root: Suite = { name: '', before: [], after: [], parent: undefined };
let current = root;
const cases: Case[] = [];

const fullName = (suite: Suite, name: string): string => {
  const parts = [name];
  for (let s: Suite | undefined = suite; s && s !== root; s = s.parent) parts.unshift(s.name);
  return parts.join(' > ');
};

export function describe(name: string, body: () => void): void {
  const suite: Suite = { name, before: [], after: [], parent: current };
  current = suite;
  try {
    body();
  } finally {
    current = suite.parent ?? root;
  }
}

export function test(name: string, fn: Hook): void {
  cases.push({ name: fullName(current, name), suite: current, fn });
}
export const it = test;

export function beforeEach(fn: Hook): void {
  current.before.push(fn);
}

export function afterEach(fn: Hook): void {
  current.after.push(fn);
}

export function listTests(): string[] {
  return cases.map((c) => c.name);
}

/** Runs one case with its hooks (outer beforeEach first, inner afterEach first); returns the failure. */
export async function runTest(name: string): Promise<string | undefined> {
  const found = cases.find((c) => c.name === name);
  if (!found) return `no test named ${name}`;
  const chain: Suite[] = [];
  for (let s: Suite | undefined = found.suite; s; s = s.parent) chain.unshift(s);
  let failure: string | undefined;
  const attempt = async (fn: Hook): Promise<void> => {
    try {
      await fn();
    } catch (e) {
      failure ??= e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
    }
  };
  for (const s of chain) for (const fn of s.before) if (failure === undefined) await attempt(fn);
  if (failure === undefined) await attempt(found.fn);
  for (const s of chain.reverse()) for (const fn of s.after) await attempt(fn);
  return failure;
}
