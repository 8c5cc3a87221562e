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

/** A stop as the prompt shows it: the header naming the test, and the location line; at a retried test's, which attempt it is (`p attempts`). */
type Seen = [header: string, location: string, attempt?: string];

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
    stops.push(header.includes('every attempt') ? [header, location, await s.run('p attempts')] : [header, location]);
    s.send('c');
  }
  return { stops, code: await s.waitExit(60_000), s };
}

const at = (file: string, line: number, fn: string) => `> ${file}(${line})${fn}()`;
const sorted = (stops: Seen[]) => [...stops].sort(([a, x], [b, y]) => (a + x).localeCompare(b + y));
/** A test retried twice that fails every attempt: one stop, at the third. */
const retried = (file: string, sep: string, line: number): Seen => [`Test failed: retry${sep}fails on every attempt`, at(file, line, '<anonymous>'), '3\n'];

function vitestStops(): Seen[] {
  const suite = path.join(RUNNERS, 'vitest-suite');
  return [
    ['Test failed: cart > counts quantities', at(path.join(suite, 'cart.test.ts'), 12, '<anonymous>')],
    ['Test failed: prices > looks up a price', at(CODE, 16, 'priceOf')],
    ['Test failed: prices > fetches a price', at(CODE, 22, 'fetchPrice')],
    ['Test failed: prices > awaits then asserts', at(path.join(suite, 'prices.test.ts'), 17, '<anonymous>')],
    retried(path.join(suite, 'retry.test.ts'), ' > ', 12),
  ];
}

describe('pmdb test with a terminal', () => {
  it('vitest 4: a prompt at each of the 5 failing tests, a retried one at its last attempt only, none elsewhere; exits as vitest does', async () => {
    const { stops, code } = await stopsOf('vitest4', vitest('vitest4'));
    expect(sorted(stops)).toEqual(sorted(vitestStops()));
    expect(code).toBe(1);
  }, 240_000);

  it.skipIf(!VITEST5_RUNS)('vitest 5 (needs Node 22.12+): the same', async () => {
    const { stops, code } = await stopsOf('vitest5', vitest('vitest5'));
    expect(sorted(stops)).toEqual(sorted(vitestStops()));
    expect(code).toBe(1);
  }, 240_000);

  it('jest 30 (child-process workers): the same five failures, named as jest names them', async () => {
    const dir = path.join(RUNNERS, 'jest');
    const { stops, code } = await stopsOf('jest', JEST);
    expect(sorted(stops)).toEqual(
      sorted([
        ['Test failed: cart › counts quantities', at(path.join(dir, 'cart.test.ts'), 12, '<anonymous>')],
        ['Test failed: prices › looks up a price', at(CODE, 16, 'priceOf')],
        ['Test failed: prices › fetches a price', at(CODE, 22, 'fetchPrice')],
        ['Test failed: prices › awaits then asserts', at(path.join(dir, 'prices.test.ts'), 17, '<anonymous>')],
        retried(path.join(dir, 'retry.test.ts'), ' › ', 13),
      ]),
    );
    expect(code).toBe(1);
  }, 240_000);

  it("mocha 12: the five failures, in order, named by their full title; a retried test stops at its last attempt only, never when a retry passes", async () => {
    const dir = path.join(RUNNERS, 'mocha');
    const { stops, code } = await stopsOf('mocha', MOCHA);
    expect(stops).toEqual([
      ['Test failed: cart counts quantities', at(path.join(dir, 'cart.test.ts'), 13, '<anonymous>')],
      ['Test failed: prices looks up a price', at(CODE, 16, 'priceOf')],
      ['Test failed: prices fetches a price', at(CODE, 22, 'fetchPrice')],
      ['Test failed: prices awaits then asserts', at(path.join(dir, 'prices.test.ts'), 18, '<anonymous>')],
      retried(path.join(dir, 'retry.test.ts'), ' ', 15),
    ]);
    expect(code).toBe(5);
  }, 240_000);

  it('node:test (a process per file): the four failures, each named, after an await too', async () => {
    const dir = path.join(RUNNERS, 'node-test');
    const { stops, code } = await stopsOf('node-test', NODE_TEST_FILES);
    expect(sorted(stops)).toEqual(
      sorted([
        ['Test failed: cart > counts quantities', at(path.join(dir, 'cart.test.ts'), 14, '<anonymous>')],
        ['Test failed: prices > looks up a price', at(CODE, 16, 'priceOf')],
        ['Test failed: prices > fetches a price', at(CODE, 22, 'fetchPrice')],
        ['Test failed: prices > awaits then asserts', at(path.join(dir, 'prices.test.ts'), 19, '<anonymous>')],
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
    expect(s.output).toMatch(/Tests\s+5 failed \| 5 passed \| 1 expected fail \| 1 skipped \(12\)/);
  }, 240_000);
});

describe('pmdb test at a terminal: the runner prints nothing over a prompt', () => {
  it("vitest's live summary, redrawn every second on a terminal, never lands in a prompt: the runner's output comes through pmdb, held while a prompt is open", async () => {
    const s = startSession(['test', '--', ...vitest('vitest4'), 'cart'], { cwd: path.join(RUNNERS, 'vitest4') });
    await s.prompt(120_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await s.run('p sum')).toBe('8\n');
    s.send('c');
    expect(await s.waitExit(120_000)).toBe(1);
    // The prompt's lines are whole and in one piece; the report comes after them.
    const prompt = s.output.slice(s.output.indexOf('Test failed'), s.output.lastIndexOf('(Pmdb) c'));
    expect(prompt).not.toMatch(/Test Files|Duration/);
    expect(s.output.slice(s.output.lastIndexOf('(Pmdb) c'))).toMatch(/Tests\s+1 failed \| 3 passed \| 1 expected fail \| 1 skipped \(6\)/);
    // vitest did not draw its window: no cursor moved up, no line erased.
    expect(s.raw).not.toMatch(/\x1b\[1A|\x1b\[K/);
  }, 240_000);
});

describe('pmdb test without a terminal', () => {
  const DUMPED = /^(?:# )?pmdb: crash dump written to (.*)\n/gm;
  /**
   * A runner's report without what differs from run to run: durations (mocha and jest mark slow
   * tests, which pmdb's pauses make slower; vitest 5's estimates of what isolation costs), clock
   * times, the total time's line (jest's estimate from its cache, vitest 5's shares of the time);
   * lines sorted (workers report files in either order).
   */
  const report = (b: Buffer) =>
    b
      .toString()
      .replace(DUMPED, '')
      .replace(/ \(\d+(?:\.\d+)? ?m?s\)/g, '')
      .replace(/duration_ms:? [\d.]+/g, 'duration_ms')
      .replace(/[ \t]+~?\d+(?:\.\d+)? ?m?s\b/g, ' T')
      .replace(/\d\d:\d\d:\d\d/g, 'HH:MM:SS')
      .replace(/^(Time:|[ \t]*Duration).*$/gm, '$1')
      .split('\n')
      // vitest 5's hint, with its blank line, when its workers start slowly: a timing line too
      // (armed workers start later).
      .filter((line) => line.trim() !== '' && !/^[ \t]*Isolate +\d+ workers spawned|faster with isolate: false/.test(line))
      .sort();
  const FAILED = ['cart_counts_quantities', 'prices_awaits_then_asserts', 'prices_fetches_a_price', 'prices_looks_up_a_price'];

  it.each([
    ['vitest 4', 'vitest4', vitest('vitest4'), 'vitest-suite', [...FAILED, 'retry_fails_on_every_attempt'], 12] as const,
    ...(VITEST5_RUNS ? [['vitest 5', 'vitest5', vitest('vitest5'), 'vitest-suite', [...FAILED, 'retry_fails_on_every_attempt'], 12] as const] : []),
    ['jest 30', 'jest', JEST, 'jest', [...FAILED, 'retry_fails_on_every_attempt'], 12] as const,
    ['mocha 12', 'mocha', MOCHA, 'mocha', [...FAILED, 'retry_fails_on_every_attempt'], 13] as const,
    // node:test runs each file in a child process and reports what it writes to stderr on its own
    // stdout, as a diagnostic: pmdb's line comes as `# pmdb: ...`.
    ['node:test', 'node-test', NODE_TEST_FILES, 'node-test', FAILED, 14] as const,
  ])("%s: a dump per failing test, named after it, one line each; otherwise the runner's output and exit code", async (_, project, command, suite, failed, line) => {
    const cwd = path.join(RUNNERS, project);
    const dir = freshDir();
    const [plain, armed] = await Promise.all([
      runProcess(command[0]!, command.slice(1), { cwd, timeoutMs: 120_000 }),
      runPmdb(['test', '--dump-dir', dir, '--', ...command], { cwd, timeoutMs: 120_000 }),
    ]);
    const output = armed.stdout.toString() + armed.stderr.toString();
    const lines = [...output.matchAll(DUMPED)].map((m) => path.relative(dir, m[1]!));
    expect(lines.map((f) => f.replace(/-\d{4}-.*$/, '')).sort()).toEqual(failed);
    expect(dumpsIn(dir).map((f) => path.relative(dir, f)).sort()).toEqual([...lines].sort());
    // The dump holds the failing test's frames, as the prompt would have shown them.
    const cart = path.join(dir, lines.find((f) => f.startsWith('cart_'))!);
    const opened = await runPmdb(['open', cart], { input: 'p sum\nq\n' });
    expect(opened.stdout.toString()).toContain(`> ${path.join(RUNNERS, suite, 'cart.test.ts')}(${line})<anonymous>()\n`);
    expect(opened.stdout.toString()).toContain('(Pmdb) 8\n');
    expect(report(armed.stdout)).toEqual(report(plain.stdout));
    expect(report(armed.stderr)).toEqual(report(plain.stderr));
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
