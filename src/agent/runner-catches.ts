// Which library frames are a test runner taking a failing test's error (`pmdb test`). Stand-in
// with vitest only, written by the `--stop-on escaped` work; `pmdb test` owns the per-runner module.
import type { Site } from './entry-escape.cjs';

/** The runner frame that takes a failing test's error, or undefined for any other site. */
export interface RunnerCatch {
  runner: 'vitest' | 'jest' | 'mocha' | 'node:test';
  /** Evaluated (silent, returnByValue) on the paused top frame: the failing test
   *  `{ name, file?, retriesLeft: number, expectedToFail: boolean }` or undefined if unknown. */
  currentTest: string;
}

/** vitest's worker state holds the test being run; its suites give the full name. */
const VITEST_CURRENT = `(() => {
  const test = globalThis.__vitest_worker__?.current;
  if (!test || test.type !== 'test') return undefined;
  const names = [];
  for (let t = test; t && t.type !== 'file' && t.name; t = t.suite) names.unshift(t.name);
  return { name: names.join(' > '), file: test.file?.filepath, retriesLeft: Math.max(0, (test.retry ?? 0) - (test.result?.retryCount ?? 0)), expectedToFail: Boolean(test.fails) };
})()`;

export function testCatcher(site: Site): RunnerCatch | undefined {
  const [, file] = site;
  // vitest 3: runTest catches the test function's error, or first the timeout wrapper it runs
  // the function in (runWithTimeout's executor), which rejects with it into runTest's await.
  if (/\/node_modules\/@vitest\/runner\//.test(file)) return { runner: 'vitest', currentTest: VITEST_CURRENT };
  return undefined;
}
