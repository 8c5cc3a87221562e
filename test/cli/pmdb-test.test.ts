// `pmdb test -- CMD...` on the real runners (test/fixtures/runners): with a terminal, one prompt per
// failing test, in the frame that threw, with the runner's and the assertion library's frames
// hidden; never at a passing, skipped, expected-to-fail or retried-then-passing test, nor at an
// error that expect(fn).toThrow, assert.throws/rejects or the test itself catches. `c` goes on to
// the next failure, `q` lets the runner finish with its own report; pmdb exits as the runner does.
import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { startSession, type PtySession } from '../helpers/pty-session.js';
import { useSessions } from '../helpers/sessions.js';
import { runPmdb, runProcess } from '../helpers/run-pipe.js';
import { dumpsIn, freshDir } from '../helpers/dumps.js';
import { JEST, MOCHA, NODE_TEST, RUNNERS, VITEST5_RUNS, vitest } from '../helpers/runner-commands.js';

useSessions();

const CODE = path.join(RUNNERS, 'code', 'cart.ts');
const NODE_TEST_FILES = [...NODE_TEST, 'cart.test.ts', 'prices.test.ts'];

/** A stop as the prompt shows it: the header naming the test, and the location line. */
type Seen = [header: string, location: string];

/** Runs under `pmdb test`, answering each prompt with `c`; the stops in the order they came, and pmdb's exit code. */
async function stopsOf(dir: string, command: string[]): Promise<{ stops: Seen[]; code: number; s: PtySession }> {
  const s = startSession(['test', '--', ...command], { cwd: path.join(RUNNERS, dir) });
  const stops: Seen[] = [];
  for (;;) {
    let head: string;
    try {
      head = await s.prompt(120_000);
    } catch {
      break; // pmdb ended: the runner finished.
    }
    const header = head.split('\n').find((line) => line.startsWith('Test failed')) ?? '';
    const location = head.split('\n').findLast((line) => line.startsWith('> ')) ?? '';
    stops.push([header, location]);
    s.send('c');
  }
  return { stops, code: await s.waitExit(60_000), s };
}

const at = (file: string, line: number, fn: string) => `> ${file}(${line})${fn}()`;
const sorted = (stops: Seen[]) => [...stops].sort(([a, x], [b, y]) => (a + x).localeCompare(b + y));

function vitestStops(): Seen[] {
  const suite = path.join(RUNNERS, 'vitest-suite');
  return [
    ['Test failed: cart > counts quantities', at(path.join(suite, 'cart.test.ts'), 12, '<anonymous>')],
    ['Test failed: prices > looks up a price', at(CODE, 16, 'priceOf')],
    ['Test failed: prices > fetches a price', at(CODE, 22, 'fetchPrice')],
    ['Test failed: prices > awaits then asserts', at(path.join(suite, 'prices.test.ts'), 17, '<anonymous>')],
  ];
}

describe('pmdb test with a terminal', () => {
  it('vitest 4: a prompt at each of the 4 failing tests, none elsewhere; exits as vitest does', async () => {
    const { stops, code } = await stopsOf('vitest4', vitest('vitest4'));
    expect(sorted(stops)).toEqual(sorted(vitestStops()));
    expect(code).toBe(1);
  }, 240_000);

  it.skipIf(!VITEST5_RUNS)('vitest 5 (needs Node 22.12+): the same', async () => {
    const { stops, code } = await stopsOf('vitest5', vitest('vitest5'));
    expect(sorted(stops)).toEqual(sorted(vitestStops()));
    expect(code).toBe(1);
  }, 240_000);

  it('jest 30 (child-process workers): the same four failures, named as jest names them', async () => {
    const dir = path.join(RUNNERS, 'jest');
    const { stops, code } = await stopsOf('jest', JEST);
    expect(sorted(stops)).toEqual(
      sorted([
        ['Test failed: cart › counts quantities', at(path.join(dir, 'cart.test.ts'), 12, '<anonymous>')],
        ['Test failed: prices › looks up a price', at(CODE, 16, 'priceOf')],
        ['Test failed: prices › fetches a price', at(CODE, 22, 'fetchPrice')],
        ['Test failed: prices › awaits then asserts', at(path.join(dir, 'prices.test.ts'), 17, '<anonymous>')],
      ]),
    );
    expect(code).toBe(1);
  }, 240_000);

  it("mocha 12: the four failures, in order; mocha does not tell which test runs, nor its retries (its retried test's failing attempt stops too)", async () => {
    const dir = path.join(RUNNERS, 'mocha');
    const unknown = 'Test failed (pmdb cannot tell which)';
    const { stops, code } = await stopsOf('mocha', MOCHA);
    expect(stops).toEqual([
      [unknown, at(path.join(dir, 'cart.test.ts'), 13, '<anonymous>')],
      [unknown, at(path.join(dir, 'cart.test.ts'), 38, '<anonymous>')],
      [unknown, at(CODE, 16, 'priceOf')],
      [unknown, at(CODE, 22, 'fetchPrice')],
      [unknown, at(path.join(dir, 'prices.test.ts'), 18, '<anonymous>')],
    ]);
    expect(code).toBe(4);
  }, 240_000);

  it('node:test (a process per file): the four failures; a test is named until its first await', async () => {
    const dir = path.join(RUNNERS, 'node-test');
    const { stops, code } = await stopsOf('node-test', NODE_TEST_FILES);
    expect(sorted(stops)).toEqual(
      sorted([
        ['Test failed: cart > counts quantities', at(path.join(dir, 'cart.test.ts'), 14, '<anonymous>')],
        ['Test failed: prices > looks up a price', at(CODE, 16, 'priceOf')],
        ['Test failed (pmdb cannot tell which)', at(CODE, 22, 'fetchPrice')],
        ['Test failed (pmdb cannot tell which)', at(path.join(dir, 'prices.test.ts'), 19, '<anonymous>')],
      ]),
    );
    expect(code).toBe(1);
  }, 240_000);

  it("where shows the user's frames only, the current one the innermost; their locals are live", async () => {
    const s = startSession(['test', '--', ...JEST, 'cart'], { cwd: path.join(RUNNERS, 'jest') });
    const head = await s.prompt(120_000);
    expect(head).toContain('Test failed: cart › counts quantities\nTraceback (most recent call last):\n');
    expect(head).not.toContain('node_modules');
    const test = path.join(RUNNERS, 'jest', 'cart.test.ts');
    expect(await s.run('where')).toBe(`> ${test}(12)<anonymous>()\n-> expect(sum).toBe(7);\n`);
    expect(await s.run('p sum')).toBe('8\n');
    expect(await s.run('p items.map((i) => i.name)')).toBe("[ 'tea', 'jam' ]\n");
    s.send('c');
    expect(await s.waitExit(60_000)).toBe(1);
  }, 240_000);

  it("mocha: an async test failing after an await stops with its awaiting frames' locals", async () => {
    const s = startSession(['test', '--', ...MOCHA, '--grep', 'awaits then asserts', 'prices.test.ts'], { cwd: path.join(RUNNERS, 'mocha') });
    await s.prompt(120_000);
    expect(await s.run('p price')).toBe('3\n');
    s.send('c');
    expect(await s.waitExit(60_000)).toBe(1);
  }, 240_000);

  it("q at the first failure: no more prompts; the runner's own report and failing exit code", async () => {
    const s = startSession(['test', '--', ...vitest('vitest4')], { cwd: path.join(RUNNERS, 'vitest4') });
    await s.prompt(120_000);
    s.send('q');
    expect(await s.waitExit(120_000)).toBe(1);
    expect(s.output.match(/\(Pmdb\) /g)).toHaveLength(1);
    expect(s.output).toMatch(/Tests\s+4 failed \| 5 passed \| 1 expected fail \| 1 skipped \(11\)/);
  }, 240_000);
});

describe('pmdb test without a terminal', () => {
  it("a dump per failing test, named after it, one line each; otherwise jest's output and exit code", async () => {
    const cwd = path.join(RUNNERS, 'jest');
    const dir = freshDir();
    const plain = await runProcess(JEST[0]!, JEST.slice(1), { cwd, timeoutMs: 120_000 });
    const armed = await runPmdb(['test', '--dump-dir', dir, '--', ...JEST], { cwd, timeoutMs: 120_000 });
    const DUMPED = /^pmdb: crash dump written to (.*)\n/gm;
    const lines = [...armed.stderr.toString().matchAll(DUMPED)].map((m) => path.relative(dir, m[1]!));
    expect(lines.map((f) => f.replace(/-\d{4}-.*$/, '')).sort()).toEqual([
      'cart_counts_quantities',
      'prices_awaits_then_asserts',
      'prices_fetches_a_price',
      'prices_looks_up_a_price',
    ]);
    expect(dumpsIn(dir).map((f) => path.relative(dir, f)).sort()).toEqual([...lines].sort());
    // The dump holds the failing test's frames, as the prompt would have shown them.
    const cart = path.join(dir, lines.find((f) => f.startsWith('cart_'))!);
    const opened = await runPmdb(['open', cart], { input: 'where\np sum\nq\n' });
    expect(opened.stdout.toString()).toContain(`> ${path.join(cwd, 'cart.test.ts')}(12)<anonymous>()\n-> expect(sum).toBe(7);\n(Pmdb) 8\n`);
    // Lines sorted: jest reports each file as its worker finishes, in either order.
    const report = (text: string) => text.replace(DUMPED, '').replace(/ \(\d+ m?s\)/g, '').replace(/^Time: .*$/m, 'Time: T').split('\n').sort();
    expect(report(armed.stderr.toString())).toEqual(report(plain.stderr.toString()));
    expect(armed.stdout.toString()).toBe(plain.stdout.toString());
    expect(armed.code).toBe(plain.code);
  }, 240_000);

  it("mocha, which names no test: the dumps take its script's name; its report and exit code as without pmdb", async () => {
    const cwd = path.join(RUNNERS, 'mocha');
    const dir = freshDir();
    const plain = await runProcess(MOCHA[0]!, MOCHA.slice(1), { cwd, timeoutMs: 120_000 });
    const armed = await runPmdb(['test', '--dump-dir', dir, '--', ...MOCHA], { cwd, timeoutMs: 120_000 });
    const lines = armed.stderr.toString().split('\n').filter(Boolean);
    // Five: the four failures and the retried test's failing attempt (mocha keeps its retries to itself).
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(line).toMatch(new RegExp(`^pmdb: crash dump written to ${dir}/mocha-\\d{4}-.*\\.pmdump$`));
    expect(dumpsIn(dir)).toHaveLength(5);
    const timeless = (b: Buffer) => b.toString().replace(/ \(\d+ms\)/g, '').replace(/passing \(\d+m?s\)/, 'passing');
    expect(timeless(armed.stdout)).toBe(timeless(plain.stdout));
    expect(plain.stderr.toString()).toBe('');
    expect(armed.code).toBe(plain.code);
  }, 240_000);
});

describe('pmdb test: bad input', () => {
  it.each([
    [['test'], 'pmdb: pmdb test needs a command (see pmdb --help)\n'],
    [['test', '--'], 'pmdb: pmdb test needs a command (see pmdb --help)\n'],
    [['test', '--trace'], 'pmdb: pmdb test needs a command (see pmdb --help)\n'],
    [['test', '--bogus', 'x'], "pmdb: unknown option '--bogus' for pmdb test (see pmdb --help)\n"],
    [['run', '--trace', 'x'], "pmdb: unknown option '--trace' for pmdb run (see pmdb --help)\n"],
  ])('pmdb %j: one line, exit 2', async (args, message) => {
    const r = await runPmdb(args);
    expect(r.stderr.toString()).toBe(message);
    expect(r.stdout.toString()).toBe('');
    expect(r.code).toBe(2);
  });

  it('--help lists pmdb test', async () => {
    const r = await runPmdb(['--help']);
    expect(r.stdout.toString()).toContain('pmdb test [--trace] [--dump-dir DIR] [--] command [arg] ...');
  });
});
