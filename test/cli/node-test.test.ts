// `pmdb run -- node --test`: Node creates the runner's own process without an inspector (its
// tests run in child processes); pmdb leaves that process as it is and arms the children.
// Before, a worker's connectToMainThread() there aborted Node with a terminal, and without one
// the runner printed `cannot arm this process`.
import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { startSession } from '../helpers/pty-session.js';
import { UNCAUGHT, useSessions } from '../helpers/sessions.js';
import { runNode, runPmdb } from '../helpers/run-pipe.js';
import { FIXTURES, REGISTER } from '../helpers/paths.js';
import { dumpsIn, freshDir } from '../helpers/dumps.js';

useSessions();

const DIR = path.join(FIXTURES, 'node-test');
/** node --test's report, without its timings. */
const untimed = (report: string): string => report.replace(/\d+(\.\d+)?ms/g, 'T').replace(/duration_ms: \S+/g, 'duration_ms: T').replace(/duration_ms \S+/g, 'duration_ms T');

describe('node --test under pmdb', () => {
  it('with a terminal: a process a test starts stops at its crash; c lets it fail, and the run ends as under node', async () => {
    const plain = await runNode(['--test'], { cwd: DIR });
    const s = startSession(['run', '--', process.execPath, '--test'], { cwd: DIR });
    const head = await s.prompt(30_000);
    expect(head).toContain(`TypeError: Cannot read properties of null (reading 'port')\n${UNCAUGHT}\n`);
    expect(await s.run('p 6 * 7')).toBe('42\n');
    s.send('c');
    expect(await s.waitExit(30_000)).toBe(plain.code);
    expect(s.rest).toContain('pass 1');
  });

  it('without a terminal: the same report and status as node; the crashing process is dumped', async () => {
    const plain = await runNode(['--test'], { cwd: DIR });
    const dir = freshDir();
    for (const armed of [() => runPmdb(['run', '--dump-dir', dir, '--', process.execPath, '--test'], { cwd: DIR }), () => runNode(['--require', REGISTER, '--test'], { cwd: DIR, env: { PMDB_DUMP_DIR: dir } })]) {
      const result = await armed();
      expect(result.code).toBe(0);
      expect(untimed(result.stdout.toString())).toBe(untimed(plain.stdout.toString()));
      expect(result.stderr.toString()).toBe(plain.stderr.toString());
    }
    // pmdb run arms the whole tree (NODE_OPTIONS): the crashing process writes its dump, its line
    // going to the stderr its test ignores; --require arms the runner's own process only.
    expect(dumpsIn(dir)).toHaveLength(1);
  });
});
