// Where each test runner takes a failing test's error: the frame of the runner's *test call*, as
// V8's stack-trace API shows it at the throw (entry-escape.cts's Site), and where each keeps the
// test it is running (current-test.ts reads it at the pause). Measured on Node 20, 22, 24 and 26 with each runner's default
// configuration (docs/node-versions.md, "Test runners: where a failing test's error is taken"):
// - vitest 4 and 5: the test function is called by withFixtures' `fn(context)` and awaited by
//   withAwaitAsyncAssertions' `await fn(...args)` (an async arrow: it turns a throw into its
//   rejection; for an async test it is the awaiting frame). Both anonymous, in
//   @vitest/runner/dist/chunk-*.js (4) or vitest/dist/chunks/run.*.js (5).
// - jest 30: callAsyncCircusFn's promise executor (`Promise.finally.completed` to V8) catches
//   `fn.call(testContext)` in jest-circus/build/jestAdapterInit.js. An async test's promise is
//   taken with `.then(resolve, reject)`: no runner frame is on its stack.
// - mocha 12: Runnable#run's `callFn` catches the call (mocha/lib/runnable.js); an async test's
//   promise is taken with `.then`: no runner frame is on its stack.
// - node:test: Test#run (an async function, `run` in node:internal/test_runner/test) calls the
//   test through runInAsyncScope (sync) and awaits it (async).
import { readFileSync } from 'node:fs';
import { urlToFile } from '../util/file-url.cjs';
import type { Site } from './entry-escape.cjs';

export type Runner = 'vitest' | 'jest' | 'mocha' | 'node:test';

export interface RunnerCatch {
  runner: Runner;
}

/** A runner's running test, as current-test.ts reads it at a pause. */
export interface CurrentTest {
  name: string;
  file?: string;
  retriesLeft: number;
  expectedToFail: boolean;
}

/** A runner's test call: the file it is in, its function's name, or the text of its line when V8 names it no better than ''. */
interface TestCall {
  file: RegExp;
  name?: RegExp;
  line?: RegExp;
}

// vitest keeps the running task on its worker state (`current`, set by onBeforeRunTask); its
// result counts the retries already made; `fails` is it.fails.
const VITEST_TEST = `(() => {
  const t = globalThis.__vitest_worker__?.current;
  if (!t || t.type !== 'test') return undefined;
  const retry = typeof t.retry === 'number' ? t.retry : (t.retry?.count ?? 0);
  return { name: t.fullTestName ?? t.name, file: t.file?.filepath, retriesLeft: Math.max(0, retry - (t.result?.retryCount ?? 0)),
    expectedToFail: Boolean(t.fails) };
})()`;

// jest-circus's state lives on the test context's global (the vm context a test's frames run
// in), under an unregistered symbol named JEST_STATE_SYMBOL; `invocations` counts this attempt; jest.retryTimes sets RETRY_TIMES; `failing` is it.failing.
// Names join with ' › ', as jest's report writes them.
const JEST_TEST = `(() => {
  const state = Object.getOwnPropertySymbols(globalThis).find((s) => s.description === 'JEST_STATE_SYMBOL');
  const t = state && globalThis[state]?.currentlyRunningTest;
  if (!t) return undefined;
  const names = [];
  for (let block = t; block && block.parent; block = block.parent) names.unshift(block.name);
  const retries = Number.parseInt(globalThis[Symbol.for('RETRY_TIMES')], 10) || 0;
  return { name: names.join(' › '), file: globalThis.expect?.getState?.().testPath, retriesLeft: Math.max(0, retries - (t.invocations - 1)),
    expectedToFail: Boolean(t.failing) };
})()`;

// node:test (Node 20 to 26) maps every async resource a test's code makes, through an async hook
// of its harness, to the Test: `testResources` (lib/internal/test_runner/harness.js, out of the
// program's reach: current-test.ts finds it in the closure of node:test's `test`), keyed by
// async id. So the running test is known after an `await` too. node:test has no retries; todo
// tests don't fail the run; Node 26 adds expectFailure. Names join with ' > ' (pmdb's choice:
// the runner reports a tree). Called on `testResources`, in the paused thread.
export const NODE_TEST = `function () {
  const t = this.get(process.getBuiltinModule('node:async_hooks').executionAsyncId());
  if (!t || typeof t.name !== 'string' || !('parent' in t)) return undefined;
  const names = [];
  for (let test = t; test && test.parent; test = test.parent) names.unshift(test.name);
  return { name: names.join(' > '), file: t.loc?.file, retriesLeft: 0, expectedToFail: t.isTodo === true || (t.expectFailure !== undefined && t.expectFailure !== false) };
}`;

// mocha keeps its Runner out of the program's reach but for the uncaughtException listener it
// adds while it runs (`this.uncaught = this._uncaught.bind(this)`, lib/runner.js): current-test.ts
// reaches the Runner as that bound function's receiver. `currentRunnable` is the test (or hook)
// running; a retried attempt is a clone whose currentRetry() counts the attempts before it, out
// of retries() (-1 when unset). Named by its full title, as mocha's --grep matches it. Called on
// the Runner, in the paused thread.
export const MOCHA_TEST = `function () {
  const t = this.currentRunnable;
  if (!t || t.type !== 'test' || typeof t.fullTitle !== 'function') return undefined;
  return { name: t.fullTitle(), file: t.file, retriesLeft: Math.max(0, t.retries() - t.currentRetry()), expectedToFail: false };
}`;

/** The process's bound uncaughtException listeners, among which mocha's Runner's (`_uncaught` is an anonymous function: its bound copy is named `bound `). */
export const MOCHA_LISTENERS = `process.listeners('uncaughtException').filter((listener) => listener.name.startsWith('bound '))`;

/** For the runners that keep their running test in the test's global: the expression, evaluated (silent, returnByValue) in a paused frame of the test, that gives it (a CurrentTest, or undefined when that runner runs none). */
export const TEST_IN_FRAME = { vitest: VITEST_TEST, jest: JEST_TEST } as const;

const VITEST_FILE = /\/node_modules\/(?:@vitest\/runner\/dist\/chunk-[^/]+|vitest\/dist\/chunks\/run\.[^/]+)\.js$/;
const JEST_FILE = /\/node_modules\/jest-circus\/build\/jestAdapterInit\.js$/;
export const MOCHA_FILE = /\/node_modules\/mocha\/lib\/runnable\.js$/;
export const NODE_TEST_FILE = /^node:internal\/test_runner\/test$/;

const RUNNERS: { runner: Runner; calls: TestCall[] }[] = [
  { runner: 'vitest', calls: [{ file: VITEST_FILE, line: /=\s*await fn\(\.\.\.args\)|return fn\(context\)/ }] },
  { runner: 'jest', calls: [{ file: JEST_FILE, line: /returnedValue = fn\.call\(testContext\)/ }] },
  { runner: 'mocha', calls: [{ file: MOCHA_FILE, name: /^callFn$/ }] },
  { runner: 'node:test', calls: [{ file: NODE_TEST_FILE, name: /^run$/ }] },
];

/** The files of the runners' test calls: no test runs before one of them is loaded (test-gate.ts). */
export const RUNNER_FILES = [...new Set(RUNNERS.flatMap(({ calls }) => calls.map((c) => c.file)))];

/**
 * `pmdb test --trace`: where a runner calls a test's function (the lines of its file that match
 * `line`), the condition, evaluated in that frame, that the call is a test's and not a hook's
 * (vitest's withFixtures wraps hooks without the test's context; jest's callAsyncCircusFn and
 * mocha's callFn call hooks too), and the test's function there.
 */
export interface TestStart {
  file: RegExp;
  line: RegExp;
  condition: string;
  fn: string;
}

export const TEST_STARTS: TestStart[] = [
  { file: VITEST_FILE, line: /return fn\(context\)/, condition: 'options?.context !== undefined', fn: 'fn' },
  { file: JEST_FILE, line: /returnedValue = fn\.call\(testContext(?:, done)?\)/, condition: '!isHook', fn: 'fn' },
  { file: MOCHA_FILE, line: /var result = fn\.call\(ctx\b/, condition: "self.type === 'test'", fn: 'fn' },
  // Test#run (Suite has its own); hooks are Tests too. The same lines on Node 20 to 26.
  {
    file: NODE_TEST_FILE,
    line: /const (?:ret|promise) = ReflectApply\(this\.runInAsyncScope, this, runArgs\)/,
    condition: "this.constructor.name !== 'TestHook'",
    fn: 'this.fn',
  },
];

/** The runner frame that takes a failing test's error, or undefined for any other site. */
export function testCatcher(site: Site): RunnerCatch | undefined {
  const [name, where, line] = site;
  const file = urlToFile(where);
  for (const { runner, calls } of RUNNERS) {
    const call = calls.find((c) => c.file.test(file) && (!c.name || c.name.test(name)) && (!c.line || c.line.test(lineOf(file, line))));
    if (call) return { runner };
  }
  return undefined;
}

/** A runner's file, read once: its lines tell which anonymous function a site is in. */
const runnerSources = new Map<string, string[]>();

function lineOf(file: string, line: number): string {
  let lines = runnerSources.get(file);
  if (!lines) {
    try {
      lines = readFileSync(file, 'utf8').split('\n');
    } catch {
      lines = [];
    }
    runnerSources.set(file, lines);
  }
  return lines[line - 1] ?? '';
}
