// pmdb adds no frame to the program's stacks: its own process listeners see the stacks they see
// under plain node, and a crash in one of them is reported byte for byte as node reports it,
// with no pmdb file named anywhere (the preload once wrapped process.emit, whose frame showed
// twice in an exit listener's error).
import { describe, expect, it } from 'vitest';
import { startSession } from '../helpers/pty-session.js';
import { UNCAUGHT, useSessions } from '../helpers/sessions.js';
import { runNode, runPmdb } from '../helpers/run-pipe.js';
import { dumpsIn, freshDir } from '../helpers/dumps.js';
import { REGISTER } from '../helpers/paths.js';

useSessions();

/** Where pmdb's files are: no stack, report or output of the program may name them. */
const PMDB_FILES = /dist\/(agent|register|cli|index)|pmdb\/dist/;

const THROWS = ['exit', 'uncaught', 'rejection'];

/** The program armed both ways without a terminal, with the dump line taken off stderr. */
async function armed(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; dumps: number }[]> {
  const results = [];
  for (const viaRun of [true, false]) {
    const dir = freshDir();
    const result = viaRun
      ? await runPmdb(['run', '--dump-dir', dir, '--', process.execPath, ...args])
      : await runNode(['--require', REGISTER, ...args], { env: { PMDB_DUMP_DIR: dir } });
    const stderr = result.stderr.toString().replace(/^pmdb: crash dump written to .*\n/, '');
    results.push({ code: result.code, stdout: result.stdout.toString(), stderr, dumps: stderr === result.stderr.toString() ? 0 : dumpsIn(dir).length });
  }
  return results;
}

describe('no pmdb frame in the program', () => {
  it("the program's process listeners see the stacks they see under node", async () => {
    const plain = await runNode(['listener-stacks.js']);
    expect(plain.stdout.toString()).toContain('uncaughtException:\nError: probe\n');
    const pidless = (text: string) => text.replace(/^\(node:\d+\)/m, '(node:PID)');
    for (const result of await armed(['listener-stacks.js'])) {
      expect(result.stdout).toBe(plain.stdout.toString());
      expect(pidless(result.stderr)).toBe(pidless(plain.stderr.toString()));
      expect(result.code).toBe(2);
      expect(`${result.stdout}${result.stderr}`).not.toMatch(PMDB_FILES);
    }
  });

  it.each(THROWS)('a throw in an %s listener: a dump, then the same report and status as node, naming no pmdb file', async (where) => {
    const plain = await runNode(['listener-throws.js', where]);
    expect(plain.code).not.toBe(0);
    for (const result of await armed(['listener-throws.js', where])) {
      expect(result.stderr).toBe(plain.stderr.toString());
      expect(result.code).toBe(plain.code);
      // Node runs its uncaughtException listeners inside a C++ TryCatch and reports a throw there
      // itself (status 7): V8 sees it caught and no monitor runs, so pmdb has nothing to stop.
      expect(result.dumps).toBe(where === 'uncaught' ? 0 : 1);
      expect(result.stderr).not.toMatch(PMDB_FILES);
    }
  });

  it('with a terminal: a throw in an exit listener stops at it; c ends as under node, naming no pmdb file', async () => {
    const plain = await runNode(['listener-throws.js', 'exit']);
    const s = startSession(['run', '--', process.execPath, 'listener-throws.js', 'exit']);
    expect(await s.prompt()).toContain(`Error: exit listener failed\n${UNCAUGHT}\n`);
    expect(await s.run('where')).not.toMatch(PMDB_FILES);
    s.send('c');
    expect(await s.waitExit()).toBe(1);
    expect(s.rest).toBe(`c\n${plain.stderr.toString()}`);
  });
});
