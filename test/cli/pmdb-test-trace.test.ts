// `pmdb test --trace -- CMD...` on the real runners (test/fixtures/runners): with a terminal, a
// prompt at the start of each test, in the test function's first line, named as the runner names
// it; `n` steps in the test, `c` goes on to the next test's start (or failure), a failing test
// still stops at its failure, `q` lets the runner finish with its own report and exit code.
import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { startSession } from '../helpers/pty-session.js';
import { runPmdb, runProcess } from '../helpers/run-pipe.js';
import { dumpsIn, freshDir } from '../helpers/dumps.js';
import { useSessions } from '../helpers/sessions.js';
import { JEST, MOCHA, NODE_TEST, RUNNERS, VITEST5_RUNS, vitest } from '../helpers/runner-commands.js';

useSessions();


/** The header line and the location line of a prompt's text. */
function seen(head: string): [string, string] {
  const lines = head.split('\n');
  return [lines.find((l) => l.startsWith('Test ')) ?? '', lines.findLast((l) => l.startsWith('> ')) ?? ''];
}

describe('pmdb test --trace', () => {
  const VITEST_REPORT = /Tests\s+1 failed \| 3 passed \| 1 expected fail \| 1 skipped \(6\)/;
  it.each([
    ['vitest 4', 'vitest4', vitest('vitest4'), 'vitest-suite', ' > ', 0, 'Test failed: cart > counts quantities', VITEST_REPORT, 1] as const,
    // Its tests in worker threads of vitest's own process.
    ['vitest 4 --pool threads', 'vitest4', [...vitest('vitest4'), '--pool', 'threads'], 'vitest-suite', ' > ', 0, 'Test failed: cart > counts quantities', VITEST_REPORT, 1] as const,
    ...(VITEST5_RUNS ? [['vitest 5 (Node 22.12+)', 'vitest5', vitest('vitest5'), 'vitest-suite', ' > ', 0, 'Test failed: cart > counts quantities', VITEST_REPORT, 1] as const] : []),
    ['jest 30', 'jest', JEST, 'jest', ' › ', 0, 'Test failed: cart › counts quantities', /Tests:\s+1 failed, 1 skipped, 4 passed, 6 total/, 1],
    // mocha's test files have a line of imports more; mocha names a test by its full title. Its
    // config's spec runs every file (after `q`, all five failures count).
    ['mocha 12', 'mocha', MOCHA, 'mocha', ' ', 1, 'Test failed: cart counts quantities', /5 failing/, 5],
    // node:test: a process per file, its imports two lines more. Its report through pmdb's pipe is
    // TAP on Node 20 and 22 (`# fail 1`), spec on 24 and later (`ℹ fail 1`).
    ['node:test', 'node-test', NODE_TEST, 'node-test', ' > ', 2, 'Test failed: cart > counts quantities', /[ℹ#] fail 1/, 1],
  ])('%s: a prompt at each test of a file, in its first line; n steps, c goes on, the failure still stops, q ends with the report', async (_, dir, command, suite, sep, shift, failed, report, exit) => {
    const s = startSession(['test', '--trace', '--', ...command, 'cart.test.ts'], { cwd: path.join(RUNNERS, dir) });
    const file = path.join(RUNNERS, suite, 'cart.test.ts');
    const head = await s.prompt(120_000);
    expect(seen(head)).toEqual([`Test started: cart${sep}adds prices`, `> ${file}(${6 + shift})<anonymous>()`]);
    s.send('c');
    expect(seen(await s.prompt(60_000))).toEqual([`Test started: cart${sep}counts quantities`, `> ${file}(${10 + shift})<anonymous>()`]);
    expect(await s.run('n')).toBe(`> ${file}(${11 + shift})<anonymous>()\n-> const sum = total(items);\n`);
    expect(await s.run('p items.length')).toBe('2\n');
    s.send('c');
    expect(seen(await s.prompt(60_000))).toEqual([failed, `> ${file}(${12 + shift})<anonymous>()`]);
    s.send('c');
    expect(seen(await s.prompt(60_000))).toEqual([`Test started: cart${sep}rejects a bad quantity`, `> ${file}(${16 + shift})<anonymous>()`]);
    s.send('q');
    expect(await s.waitExit(120_000)).toBe(exit);
    expect(s.output).toMatch(report);
    expect(s.output.match(/\(Pmdb\) /g)).toHaveLength(6);
  }, 240_000);
});

describe('pmdb test --trace with hooks', () => {
  it.each([
    ['vitest 4', 'vitest4', [...vitest('vitest4'), '--dir', '../vitest-hooks'], 'vitest-hooks', 'Test started: with hooks > sees what the hook set', 15] as const,
    ...(VITEST5_RUNS ? [['vitest 5', 'vitest5', [...vitest('vitest5'), '--dir', '../vitest-hooks'], 'vitest-hooks', 'Test started: with hooks > sees what the hook set', 15] as const] : []),
    ['jest 30', 'jest', [...JEST, 'hooks.test.ts'], 'jest', 'Test started: with hooks › sees what the hook set', 14] as const,
    // mocha: its config's spec runs every file, --grep this test alone; the hooks are root hooks.
    ['mocha 12', 'mocha', [...MOCHA, '--grep', 'with hooks'], 'mocha', 'Test started: with hooks sees what the hook set', 16] as const,
    ['node:test', 'node-test', [...NODE_TEST, 'hooks.test.ts'], 'node-test', 'Test started: with hooks > sees what the hook set', 17] as const,
  ])("%s: the prompt is at the test's first line, never in a beforeEach or afterEach", async (_, dir, command, suite, header, line) => {
    const s = startSession(['test', '--trace', '--', ...command], { cwd: path.join(RUNNERS, dir) });
    const file = path.join(RUNNERS, suite, 'hooks.test.ts');
    expect(seen(await s.prompt(120_000))).toEqual([header, `> ${file}(${line})<anonymous>()`]);
    await s.run('n');
    // The hook ran before the test, as without pmdb.
    expect(await s.run('p first')).toBe("'tea'\n");
    s.send('c');
    expect(await s.waitExit(120_000)).toBe(0);
    expect(s.output.match(/\(Pmdb\) /g)).toHaveLength(3);
  }, 240_000);
});

describe('pmdb test --trace without a terminal', () => {
  it("changes nothing: the runner's output and exit code, no dump", async () => {
    const cwd = path.join(RUNNERS, 'node-test');
    const dir = freshDir();
    const plain = await runProcess(NODE_TEST[0]!, [...NODE_TEST.slice(1), 'hooks.test.ts'], { cwd, timeoutMs: 120_000 });
    const armed = await runPmdb(['test', '--trace', '--dump-dir', dir, '--', ...NODE_TEST, 'hooks.test.ts'], { cwd, timeoutMs: 120_000 });
    const timeless = (b: Buffer) => b.toString().replace(/\(\d+(?:\.\d+)?ms\)/g, '').replace(/duration_ms:? [\d.]+/g, '');
    expect(timeless(armed.stdout)).toBe(timeless(plain.stdout));
    expect(armed.stderr.toString()).toBe(plain.stderr.toString());
    expect(armed.code).toBe(0);
    // No dump: the directory is made for the first one only.
    expect(existsSync(dir) ? dumpsIn(dir) : []).toEqual([]);
  }, 240_000);
});
