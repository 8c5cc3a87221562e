// `pmdb run --timeout SECONDS [--repeat] [--exit]` (faulthandler.dump_traceback_later): a command
// still running after SECONDS gets its Node processes' stacks on stderr and a dump each, without
// changing how it ends unless --exit asks for it.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPmdb } from '../helpers/run-pipe.js';
import { fixture } from '../helpers/paths.js';
import { withoutInspectorLines } from '../helpers/live-process.js';

const spin = fixture('attach/spin.js');
const dumpDir = () => mkdtempSync(path.join(tmpdir(), 'pmdb-watchdog-'));
// The stuck program's inspector on a port of its own choosing: Node's default, 9229, is another
// test file's (stacks.test.ts), and test files run two at a time.
const ownPort = { NODE_OPTIONS: '--inspect-port=0' };

describe('pmdb run --timeout', () => {
  it('--exit: prints the stuck program\'s stack, writes a dump that pmdb open reads, and ends it with status 1', async () => {
    const dir = dumpDir();
    const r = await runPmdb(['run', '--timeout', '3', '--exit', '--dump-dir', dir, '--', process.execPath, spin], { timeoutMs: 60_000, env: ownPort });
    const err = withoutInspectorLines(r.stderr.toString());
    expect(r.code).toBe(1);
    expect(r.stdout.toString()).toBe('spin: started\n');
    expect(err).toMatch(
      new RegExp(
        `^pmdb: process \\d+ still running after 3 s:\\nMain thread: running \\(most recent call last\\):\\n` +
          `  File "${spin}", line 9, in <module>\\n    spinUntil\\(Date\\.now\\(\\) \\+ seconds \\* 1000\\);\\n  File "${spin}", line 5, in spinUntil\\n    while \\(Date.now\\(\\) < deadline\\) laps\\+\\+;\\n` +
          `pmdb: dump written to ${dir}/spin\\.js-[\\w-]+\\.pmdump\\n$`,
      ),
    );
    const [dump] = readdirSync(dir);
    const opened = await runPmdb(['open', path.join(dir, dump!)], { input: 'where\np deadline > 0\nq\n' });
    expect(opened.stdout.toString()).toContain(`> ${spin}(5)spinUntil()\n`);
    expect(opened.stdout.toString()).toContain('true\n');
  });

  it('--repeat: reports every SECONDS while the program runs, and leaves how it ends alone', async () => {
    const dir = dumpDir();
    const r = await runPmdb(['run', '--timeout', '2', '--repeat', '--dump-dir', dir, '--', process.execPath, spin, '9'], { timeoutMs: 90_000, env: ownPort });
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toBe('spin: started\nspin: done\n');
    const reports = withoutInspectorLines(r.stderr.toString()).match(/^pmdb: process \d+ still running after 2 s:$/gm) ?? [];
    expect(reports.length).toBeGreaterThanOrEqual(2);
    expect(readdirSync(dir).length).toBe(reports.length);
  });

  it('a command that ends in time is not reported on, and ends as it would have', async () => {
    const dir = dumpDir();
    const started = Date.now();
    const r = await runPmdb(['run', '--timeout', '60', '--dump-dir', dir, '--', process.execPath, '-e', 'console.log("quick"); process.exitCode = 3'], { timeoutMs: 60_000 });
    expect(r.code).toBe(3);
    expect(r.stdout.toString()).toBe('quick\n');
    expect(r.stderr.toString()).toBe('');
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses --repeat or --exit without --timeout, and a timeout that is no number', async () => {
    for (const [args, message] of [
      [['run', '--repeat', '--', 'node', 'x.js'], 'pmdb: --repeat and --exit go with --timeout SECONDS\n'],
      [['run', '--timeout', 'soon', '--', 'node', 'x.js'], 'pmdb: --timeout needs a number of seconds\n'],
    ] as const) {
      const r = await runPmdb([...args]);
      expect(r.stderr.toString()).toBe(message);
      expect(r.code).toBe(2);
    }
  });
});
